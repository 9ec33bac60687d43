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
}
