using System.Text;
using Portal.Infrastructure.Prometheus;

namespace Portal.Tests.Unit.Infrastructure;

/// <summary>The streaming reader of query_range answers, on the shapes Prometheus sends.</summary>
public class RangeAnswerTests
{
    private static RangeResult? Read(string json, int maxSeries = 100) => PrometheusClient.ReadRange(Encoding.UTF8.GetBytes(json), maxSeries);

    [Fact]
    public void ReadsLabelsTimesAndValues_IncludingNaNAndInfinities()
    {
        var result = Read("""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"up","job":"a\"b"},"values":[[1700000000,"1"],[1700000015.5,"NaN"],[1700000030,"+Inf"],[1700000045,"-Inf"],[1700000060,"1e-3"]]}
            ]},"warnings":["something"]}
            """)!;

        var series = Assert.Single(result.Series);
        Assert.Equal(1, result.TotalSeries);
        Assert.Equal("a\"b", series.Labels["job"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_015_500), series.Samples[1].At);
        Assert.Equal([1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.001], series.Samples.Select(s => s.Value));
    }

    [Fact]
    public void KeepsAtMostMaxSeries_ButCountsThemAll()
    {
        var result = Read("""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"i":"1"},"values":[[1,"1"]]},{"metric":{"i":"2"},"values":[[1,"2"]]},{"metric":{"i":"3"},"values":[[1,"3"]]}
            ]}}
            """, maxSeries: 2)!;

        Assert.Equal(["1", "2"], result.Series.Select(s => s.Labels["i"]));
        Assert.Equal(3, result.TotalSeries);
    }

    [Fact]
    public void AnErrorAnswer_IsNotASuccess()
    {
        Assert.Null(Read("""{"status":"error","errorType":"bad_data","error":"parse error"}"""));
    }

    [Fact]
    public void ATruncatedAnswer_IsRefused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Read("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]"""));
    }

    [Fact]
    public void AnEscapedValue_IsStillANumber()
    {
        var result = Read("""{"status":"success","data":{"result":[{"values":[[1,"\u0032.5"]],"metric":{}}]}}""")!;

        Assert.Equal(2.5, Assert.Single(Assert.Single(result.Series).Samples).Value);
    }

    private static string Answer(int series, int samples) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" +
        string.Join(",", Enumerable.Range(0, series).Select(i => $"{{\"metric\":{{\"i\":\"{i}\"}},\"values\":[" +
            string.Join(",", Enumerable.Range(0, samples).Select(t => $"[{1_700_000_000 + t},\"{t}\"]")) + "]}")) + "]}}";

    /// <summary>Hands out at most a few bytes per read, so tokens straddle the reader's buffer refills.</summary>
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], ct);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65536)]
    public async Task FromAStream_InAnyChunking_ReadsWhatTheWholeAnswerHolds(int chunk)
    {
        var json = Answer(series: 3, samples: 50);
        using var stream = new Trickle(Encoding.UTF8.GetBytes(json), chunk);

        var streamed = (await PrometheusClient.ReadRangeAsync(stream, 2, new RangeReadLimits(10, 1000), default))!;
        var whole = Read(json, maxSeries: 2)!;

        Assert.Equal(3, streamed.TotalSeries);
        Assert.Equal(whole.Series.Select(s => s.Labels["i"]), streamed.Series.Select(s => s.Labels["i"]));
        Assert.Equal(whole.Series.Select(s => s.Samples), streamed.Series.Select(s => s.Samples));
    }

    [Fact]
    public async Task FromAStream_ALabelLongerThanTheFirstBuffer_IsRead()
    {
        var label = new string('x', 200_000);
        var json = """{"status":"success","data":{"result":[{"metric":{"big":"LABEL"},"values":[[1,"1"]]}]}}""".Replace("LABEL", label);
        using var stream = new Trickle(Encoding.UTF8.GetBytes(json), 4096);

        var result = (await PrometheusClient.ReadRangeAsync(stream, 10, new RangeReadLimits(10, 10), default))!;

        Assert.Equal(label, Assert.Single(result.Series).Labels["big"]);
    }

    [Fact]
    public void MoreSeriesThanTheLimit_AreRefused_NamingTheLimit()
    {
        var error = Assert.Throws<PrometheusException>(() => PrometheusClient.ReadRange(Encoding.UTF8.GetBytes(Answer(5, 1)), 100, new RangeReadLimits(4, 1000)));

        Assert.Equal(PrometheusErrorKind.TooLarge, error.Kind);
        Assert.Contains("more than 4 series", error.Message);
    }

    [Fact]
    public void MoreSamplesThanTheLimit_AreRefused_CutSeriesIncluded()
    {
        // Two series kept, the third cut: its samples still count, since they were read.
        var error = Assert.Throws<PrometheusException>(() => PrometheusClient.ReadRange(Encoding.UTF8.GetBytes(Answer(3, 10)), 2, new RangeReadLimits(10, 25)));

        Assert.Equal(PrometheusErrorKind.TooLarge, error.Kind);
        Assert.Contains("more than 25 samples", error.Message);
    }

    [Fact]
    public async Task ALabelPastTheTokenLimit_IsRefused()
    {
        var json = """{"status":"success","data":{"result":[{"metric":{"big":"LABEL"},"values":[]}]}}""".Replace("LABEL", new string('x', 300_000));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => PrometheusClient.ReadRangeAsync(stream, 10, new RangeReadLimits(10, 10, MaxTokenBytes: 128 * 1024), default));

        Assert.Equal(PrometheusErrorKind.TooLarge, error.Kind);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("""{"status":"success","data":{"result":[{"values":[[1]]}]}}""")]
    [InlineData("""{"status":"success","data":{"result":[{"values":[["1","2"]]}]}}""")]
    [InlineData("""{"status":"success","data":{"result":3}}""")]
    public void AnAnswerNotShapedLikeAMatrix_IsRefused(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Read(json));
    }
}
