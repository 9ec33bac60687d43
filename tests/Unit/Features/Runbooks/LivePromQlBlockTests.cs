using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Runbooks;
using Portal.Domain.Tuning;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Tuning;

namespace Portal.Tests.Unit.Features.Runbooks;

/// <summary>The live block on a fake of the tuning data path: chart, current value, links, cut series and errors in place.</summary>
public class LivePromQlBlockTests : BunitTestContext
{
    private readonly FakeData _data = new();
    private readonly FakePrometheus _prometheus = new();

    public LivePromQlBlockTests()
    {
        Services.AddSingleton<ITuningData>(_data);
        Services.AddSingleton<IPrometheus>(_prometheus);
        Services.AddSingleton(Options.Create(new PrometheusOptions { Url = new Uri("http://prom.example:9090/prefix") }));
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void OneSeries_IsChartedWithItsCurrentValueOverTheBlocksRange()
    {
        _data.Series = 1;

        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("up == 0", TimeSpan.FromHours(6), 3)));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=apex-chart]")));
        Assert.Equal("Now: 41", cut.Find("[data-testid=live-promql-values]").TextContent.Trim());
        Assert.Contains("last 6h", cut.Markup);
        var request = Assert.Single(_data.Requests);
        Assert.Equal("up == 0", request.Query);
        Assert.Equal(TimeSpan.FromHours(6), request.End - request.Start);
        Assert.Equal(TimeSpan.FromSeconds(90), request.EvaluationInterval);
        Assert.Equal(LivePromQlBlock.MaxSeries, request.MaxSeries);
        Assert.Empty(cut.FindAll("[data-testid=live-promql-error]"));
    }

    [Fact]
    public void Links_OpenTheQueryInTuningAndInTheConfiguredPrometheus()
    {
        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("rate(x[5m]) > 1", TimeSpan.FromHours(1), 1)));

        Assert.Equal("/tuning?expr=rate%28x%5B5m%5D%29%20%3E%201", cut.Find("[data-testid=live-promql-tuning]").GetAttribute("href"));
        var prometheus = cut.Find("[data-testid=live-promql-prometheus]");
        Assert.Equal("http://prom.example:9090/prefix/graph?g0.expr=rate%28x%5B5m%5D%29%20%3E%201&g0.tab=0&g0.range_input=1h", prometheus.GetAttribute("href"));
        Assert.Equal("_blank", prometheus.GetAttribute("target"));
    }

    [Fact]
    public void ManySeries_DrawsTheCapAndSaysHowManyMore()
    {
        _data.Series = 10;
        _data.Total = 37;
        _prometheus.Series = 37;

        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("up", TimeSpan.FromHours(1), 1)));

        cut.WaitForAssertion(() => Assert.Equal("27 more series not drawn.", cut.Find("[data-testid=live-promql-more]").TextContent.Trim()));
        Assert.Equal(10, cut.FindAll(".live-promql-value").Count);
    }

    [Fact]
    public void PrometheusDown_ShowsTheErrorInPlaceAndKeepsTheLinks()
    {
        _data.Failure = new HttpRequestException("connection refused");

        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("up", TimeSpan.FromHours(1), 1)));

        cut.WaitForAssertion(() => Assert.Equal(
            "The query could not be charted: the server did not answer. Try again in a moment.",
            cut.Find("[data-testid=live-promql-error]").TextContent.Trim()));
        Assert.NotEmpty(cut.FindAll("[data-testid=live-promql-tuning]"));
        Assert.Empty(cut.FindAll("[data-testid=apex-chart]"));
    }

    [Fact]
    public void CurrentValue_ComesFromAnInstantQueryAtTheRangesEnd()
    {
        _prometheus.Value = 7.25;

        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("up", TimeSpan.FromDays(7), 1)));

        cut.WaitForAssertion(() => Assert.Equal("Now: 7.25", cut.Find("[data-testid=live-promql-values]").TextContent.Trim()));
        Assert.Equal(("up", _data.Requests.Single().End), Assert.Single(_prometheus.Queries));
    }

    [Fact]
    public void QueryError_ShowsPrometheusMessageInPlace()
    {
        _prometheus.Failure = new PrometheusException(PrometheusErrorKind.BadData, "1:5: parse error: unexpected end of input");

        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("sum(", TimeSpan.FromHours(1), 1)));

        cut.WaitForAssertion(() => Assert.Contains("parse error: unexpected end of input", cut.Find("[data-testid=live-promql-error]").TextContent));
    }

    [Fact]
    public void RefusedQuery_ShowsTheReasonInPlace()
    {
        _data.Failure = new TuningRefusedException("1:5: unexpected end of input");

        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("sum(", TimeSpan.FromHours(1), 1)));

        cut.WaitForAssertion(() => Assert.Equal("The query could not be charted: 1:5: unexpected end of input.", cut.Find("[data-testid=live-promql-error]").TextContent.Trim()));
    }

    [Fact]
    public void NoData_SaysSo()
    {
        _data.Series = 0;
        _data.Total = 0;
        _prometheus.Series = 0;

        var cut = Render<LivePromQlBlock>(p => p.Add(b => b.Block, new LiveBlock("absent_metric", TimeSpan.FromDays(1), 1)));

        cut.WaitForAssertion(() => Assert.Equal("No data over the last 1d.", cut.Find("[data-testid=live-promql-empty]").TextContent.Trim()));
    }

    [Theory]
    [InlineData(5, 15)]
    [InlineData(60, 15)]
    [InlineData(360, 90)]
    [InlineData(43_200, 10_800)]
    public void Step_IsAboutTwoHundredFortyPointsAndNeverUnderFifteenSeconds(int rangeMinutes, int stepSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(stepSeconds), LivePromQlBlock.Step(TimeSpan.FromMinutes(rangeMinutes)));
    }

    /// <summary>The instant query only; the block asks nothing else of Prometheus directly.</summary>
    private sealed class FakePrometheus : IPrometheus
    {
        public int Series { get; set; } = 1;

        public double Value { get; set; } = 41;

        public Exception? Failure { get; set; }

        public List<(string Query, DateTimeOffset? At)> Queries { get; } = [];

        public Uri BaseAddress => new("http://prom.example:9090/prefix");

        public Task<IReadOnlyList<InstantSample>> QueryAsync(string query, DateTimeOffset? at, CancellationToken ct)
        {
            Queries.Add((query, at));
            if (Failure is not null)
            {
                return Task.FromException<IReadOnlyList<InstantSample>>(Failure);
            }

            return Task.FromResult<IReadOnlyList<InstantSample>>(Enumerable.Range(0, Series)
                .Select(i => new InstantSample(new Dictionary<string, string> { ["instance"] = $"host-{i}" }, at ?? DateTimeOffset.UnixEpoch, Value + i))
                .ToList());
        }

        public Task<PrometheusBuildInfo> BuildInfoAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>> MetricTypesAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<RangeResult> QueryRangeAsync(string query, RangePlan plan, int maxSeries, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(IReadOnlyList<string> match, DateTimeOffset start, DateTimeOffset end, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>> LabelValuesAsync(string label, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<LoadedRuleGroup>> RulesAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<ActiveAlert>> AlertsAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<RuntimeInfo> RuntimeInfoAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task ReloadAsync(CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class FakeData : ITuningData
    {
        public int Series { get; set; } = 1;

        public int? Total { get; set; }

        public Exception? Failure { get; set; }

        public List<TuningRequest> Requests { get; } = [];

        public Task<TuningSamples> LoadAsync(TuningRequest request, CancellationToken ct)
        {
            Requests.Add(request);
            if (Failure is not null)
            {
                return Task.FromException<TuningSamples>(Failure);
            }

            var plan = new RangePlan(request.Start, request.End, request.EvaluationInterval);
            var series = Enumerable.Range(0, Series)
                .Select(i => new BacktestSeries(LabelMap.Of(("instance", $"host-{i}")),
                    Enumerable.Range(0, 42).Select(k => new Sample(request.Start.AddMinutes(k).ToUnixTimeMilliseconds(), k + i)).ToList()))
                .ToList();
            return Task.FromResult(new TuningSamples(request, plan, series, Total ?? Series));
        }
    }
}
