using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Queries;
using Portal.Infrastructure.Prometheus;

namespace Portal.Tests.Integration.Infrastructure;

/// <summary>The typed client against the test stack's real Prometheus 2.42.</summary>
public class PrometheusClientTests
{
    private static async Task<T> WithClientAsync<T>(Func<IPrometheus, Task<T>> use, Uri? url = null)
    {
        await using var portal = PortalFactory.For(prometheus: url);
        return await use(portal.Services.GetRequiredService<IPrometheus>());
    }

    [Fact]
    public async Task QueryRange_ReturnsSeriesAtThePlannedSteps()
    {
        var plan = RangePlan.Choose(DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5)).Plan!;

        var result = await WithClientAsync(p => p.QueryRangeAsync("up", plan, 500, default));

        Assert.Contains(result.Series, s => s.Labels["job"] == "prometheus");
        var samples = result.Series.First(s => s.Labels["job"] == "prometheus").Samples;
        Assert.All(samples.Zip(samples.Skip(1)), pair => Assert.Equal(plan.Step, pair.Second.At - pair.First.At));
        Assert.Equal(0, result.CutSeries);
    }

    /// <summary>Differential: the streaming reader against a plain JSON document of the same real answer.</summary>
    [Fact]
    public async Task QueryRange_ReadsTheSameSeriesAsADocumentOfTheSameAnswer()
    {
        var plan = RangePlan.Choose(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5)).Plan!;
        // NaN, +Inf and -Inf at every step (vector() needs no scraped data), next to real series.
        var query = """label_replace(vector(0) / 0, "k", "nan", "", "") or label_replace(vector(1) / 0, "k", "inf", "", "")"""
            + """ or label_replace(vector(-1) / 0, "k", "-inf", "", "") or up""";
        using var http = new HttpClient { BaseAddress = TestStack.PrometheusUrl };
        using var answer = await http.PostAsync("api/v1/query_range", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["query"] = query,
            ["start"] = (plan.Start.ToUnixTimeMilliseconds() / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["end"] = (plan.End.ToUnixTimeMilliseconds() / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["step"] = plan.Step.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var body = await answer.Content.ReadAsByteArrayAsync();

        var streamed = PrometheusClient.ReadRange(body, 10_000)!;

        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var expected = doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(item => (
            Labels: string.Join(",", item.GetProperty("metric").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")),
            Samples: item.GetProperty("values").EnumerateArray()
                .Select(v => (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v[0].GetDouble() * 1000)), PrometheusClient.ParseValue(v[1].GetString())))
                .ToList())).ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(expected, e => e.Samples.Any(s => double.IsInfinity(s.Item2) || double.IsNaN(s.Item2)));
        Assert.Equal(expected.Count, streamed.TotalSeries);
        Assert.Equal(expected.Select(e => e.Labels), streamed.Series.Select(s => string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))));
        Assert.Equal(expected.Select(e => e.Samples), streamed.Series.Select(s => s.Samples.ToList()));
    }

    [Fact]
    public async Task QueryRange_BeyondTheSeriesLimit_CutsAndCounts()
    {
        // A stack started seconds ago may not have scraped every target yet: wait until up has four series.
        for (var i = 0; i < 60 && (await WithClientAsync(p => p.QueryAsync("up", null, default))).Count < 4; i++)
        {
            await Task.Delay(500);
        }

        var plan = RangePlan.Choose(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(15)).Plan!;

        var result = await WithClientAsync(p => p.QueryRangeAsync("up", plan, 2, default));

        Assert.Equal(2, result.Series.Count);
        Assert.True(result.TotalSeries >= 4);
        Assert.Equal(result.TotalSeries - 2, result.CutSeries);
    }

    [Fact]
    public async Task Query_WithASyntaxError_IsBadDataWithThePosition()
    {
        var error = await Assert.ThrowsAsync<PrometheusException>(() => WithClientAsync(p => p.QueryAsync("sum(rate(up[5m])", null, default)));

        Assert.Equal(PrometheusErrorKind.BadData, error.Kind);
        Assert.NotNull(error.Position);
        Assert.Equal(1, error.Position!.Value.Line);
    }

    [Fact]
    public async Task Unreachable_IsReportedAsUnavailable()
    {
        var nobody = new Uri($"http://127.0.0.1:{TestStack.FreeLoopbackPort()}");

        var error = await Assert.ThrowsAsync<PrometheusException>(() => WithClientAsync(p => p.BuildInfoAsync(default), nobody));

        Assert.Equal(PrometheusErrorKind.Unavailable, error.Kind);
        Assert.Contains(nobody.Authority, error.Message);
    }

    [Fact]
    public async Task TargetsRuntimeInfoAndReload_Work()
    {
        var (targets, before, after) = await WithClientAsync(async p =>
        {
            var targets = await p.TargetsAsync(default);
            var before = await p.RuntimeInfoAsync(default);
            await Task.Delay(1100);
            await p.ReloadAsync(default);
            return (targets, before, await p.RuntimeInfoAsync(default));
        });

        Assert.Contains(targets, t => t.Job == "node" && t.Health == "up");
        Assert.True(after.ReloadConfigSuccess);
        Assert.True(after.LastConfigTime > before.LastConfigTime);
    }

    [Fact]
    public async Task SeriesAndLabelValues_ListWhatIsScraped()
    {
        var (series, jobs) = await WithClientAsync(async p =>
            (await p.SeriesAsync(["up"], DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, default), await p.LabelValuesAsync("job", default)));

        Assert.Contains(series, s => s["job"] == "redis");
        Assert.Contains("postgres", jobs);
    }
}
