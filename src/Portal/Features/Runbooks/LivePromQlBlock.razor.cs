using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Components.Shared.Charts;
using Portal.Domain.RuleFiles;
using Portal.Domain.Runbooks;
using Portal.Features.Tuning;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Tuning;

namespace Portal.Features.Runbooks;

/// <summary>
/// The live chart of one runbook ```promql block, fetched through the same cached range path as the Tuning page
/// (<see cref="ITuningData"/>), at about 240 points whatever the range, and at most <see cref="MaxSeries"/> series.
/// </summary>
public partial class LivePromQlBlock
{
    /// <summary>Series drawn; the rest are counted ("N more"), so a query over every target cannot flood the page.</summary>
    public const int MaxSeries = 10;

    private const int Points = 240;
    private static readonly TimeSpan MinStep = TimeSpan.FromSeconds(15);

    private View? _view;
    private LiveBlock? _loaded;

    [Parameter, EditorRequired]
    public required LiveBlock Block { get; set; }

    [Inject]
    public required ITuningData Data { get; init; }

    /// <summary>For the current value: the range's last step can lie up to a step (42 min over 7 days) in the past.</summary>
    [Inject]
    public required IPrometheus Live { get; init; }

    [Inject]
    public required IOptions<PrometheusOptions> Prometheus { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    private string RangeText => PromDuration.FromTimeSpan(Block.Range).ToString();

    private string TuningLink => PortalRoutes.TuningExplore(Block.Query);

    private string PrometheusLink
    {
        get
        {
            var root = Prometheus.Value.Url.ToString();
            root = root.EndsWith('/') ? root : root + "/";
            return $"{root}graph?g0.expr={Uri.EscapeDataString(Block.Query)}&g0.tab=0&g0.range_input={Uri.EscapeDataString(RangeText)}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Block == _loaded)
        {
            return;
        }

        _loaded = Block;
        _view = null;
        var end = Clock.GetUtcNow();
        var request = new TuningRequest(Block.Query, end - Block.Range, end, Step(Block.Range), MaxSeries);
        await RunAsync(async ct =>
        {
            var range = Data.LoadAsync(request, ct);
            var now = Live.QueryAsync(Block.Query, end, ct);
            await Task.WhenAll(range, now);
            _view = View.Of(await range, await now);
        }, "The query could not be charted");
    }

    /// <summary>About <see cref="Points"/> points over the range, in whole seconds, never finer than 15 s.</summary>
    public static TimeSpan Step(TimeSpan range)
    {
        var seconds = Math.Ceiling(range.TotalSeconds / Points);
        return TimeSpan.FromSeconds(Math.Max(MinStep.TotalSeconds, seconds));
    }

    private sealed record View(IReadOnlyList<ChartSeries> Chart, IReadOnlyList<(string Name, string Value)> Current, int More)
    {
        public static View Of(TuningSamples samples, IReadOnlyList<InstantSample> now)
        {
            var chart = samples.Series
                .Select(s => (ChartSeries)new TimeSeries(TuningView.SeriesName(s.Labels),
                    s.Samples.Select(p => new TimePoint(DateTimeOffset.FromUnixTimeMilliseconds(p.TimestampMs), double.IsFinite(p.Value) ? p.Value : null)).ToList()))
                .ToList();
            var current = now
                .Take(MaxSeries)
                .Select(s => (TuningView.SeriesName(LabelMap.From(s.Labels)), Format(s.Value)))
                .ToList();
            return new View(chart, current, samples.CutSeries);
        }

        private static string Format(double value) =>
            double.IsNaN(value) ? "NaN" : double.IsInfinity(value) ? (value > 0 ? "+Inf" : "-Inf") : value.ToString("G6", CultureInfo.InvariantCulture);
    }
}
