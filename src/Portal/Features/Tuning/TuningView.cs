using Portal.Components.Shared.Charts;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Tuning;

namespace Portal.Features.Tuning;

/// <summary>
/// What the tuning page shows for one alert's samples: the backtest at the current threshold,
/// <c>for</c> and <c>keep_firing_for</c>, the sweep, and the data of both charts. Everything is
/// computed from the samples in memory; nothing here talks to Prometheus, so moving a threshold
/// costs one backtest and one redraw (measured in tests/Benchmarks, ThresholdMoveBenchmarks).
/// </summary>
public sealed class TuningView
{
    public const int ChartedSeries = 8;
    private const int MaxShadedWindows = 200;

    private readonly IReadOnlyList<double> _siblings;
    private readonly IReadOnlyList<int> _charted;
    private readonly SweepOptions _advice;
    private TimeSpan _gridKeep;

    /// <param name="advice">Coverage and firing-time limits of the suggestion; the severity is the target's.</param>
    public TuningView(TuningTarget target, TuningSamples samples, IReadOnlyList<double> siblingThresholds, double threshold, SweepOptions? advice = null)
    {
        (Target, Samples, _siblings) = (target, samples, siblingThresholds);
        _advice = (advice ?? new SweepOptions()) with { Severity = target.Severity };
        (Threshold, For, KeepFiringFor) = (threshold, target.For, target.KeepFiringFor);
        _charted = RankSeries(samples.Series, target.Operator);
        ChartSeries = _charted
            .Select(i => (ChartSeries)new TimeSeries(SeriesName(samples.Series[i].Labels),
                samples.Series[i].Samples.Select(s => new TimePoint(DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMs), double.IsFinite(s.Value) ? s.Value : null)).ToList()))
            .ToList();
        Recompute(sweep: true);
    }

    public TuningTarget Target { get; }

    public TuningSamples Samples { get; }

    public double Threshold { get; private set; }

    public TimeSpan For { get; private set; }

    public TimeSpan KeepFiringFor { get; private set; }

    public BacktestResult Result { get; private set; } = null!;

    public SweepResult Sweep { get; private set; } = null!;

    /// <summary>Alerts per week at the sweep's thresholds × the usual <c>for</c> values (the heatmap).</summary>
    public ThresholdForGridResult Grid { get; private set; } = null!;

    /// <summary>The <see cref="ChartedSeries"/> series with the most extreme values (the rest are in the statistics).</summary>
    public IReadOnlyList<ChartSeries> ChartSeries { get; }

    public IReadOnlyList<HorizontalLine> ChartLines { get; private set; } = [];

    /// <summary>Firing windows of the charted series.</summary>
    public IReadOnlyList<ShadedRange> ChartRanges { get; private set; } = [];

    public IReadOnlyList<ChartSeries> SweepSeries { get; private set; } = [];

    /// <summary>
    /// The sweep chart's y axis: from zero to a round number above the highest point (1 when every
    /// point is zero or there are none), so zero, flat and empty curves all get an axis a person can read.
    /// </summary>
    public (double Min, double Max) SweepAxis { get; private set; } = (0, 1);

    /// <summary>"data for 20 min of the last 7 d": how much of the range the numbers stand for.</summary>
    public string CoverageText => $"Data for {TuningText.Span(Result.Coverage.WithData)} of the last {TuningText.Span(Result.Coverage.Asked)}";

    /// <summary>True when there is too little data to suggest a threshold; the statistics are still shown.</summary>
    /// <remarks>
    /// Measured on the coverage itself, not read from the suggestion: an == or != rule has no suggestion for
    /// another reason, and twenty minutes of its data deserve the same warning.
    /// </remarks>
    public bool TooLittleData => Sweep.Suggestion.Withheld is SuggestionWithheld.Coverage or SuggestionWithheld.NoData
        || Result.Coverage.WithData < _advice.MinCoverage || Result.Coverage.Share < _advice.MinCoverageShare;

    /// <summary>The alerts budget the heatmap's colours are measured against (the suggestion's).</summary>
    public double Budget => Sweep.Suggestion.Budget;

    /// <summary>The current and the suggested threshold on the sweep curve.</summary>
    public IReadOnlyList<ShadedRange> SweepMarks { get; private set; } = [];

    /// <summary>
    /// Bounds of the query chart's y axis when a threshold lies outside the observed values (null: the
    /// chart's own), so every threshold line stays on screen next to the data it is compared with.
    /// </summary>
    public (double? Min, double? Max) AxisBounds { get; private set; }

    /// <summary>A step for the slider and number field: about 1/200 of the observed range, rounded to a power of ten.</summary>
    public double SliderStep => Sweep.Quantiles is { } q && q.Max > q.Min ? Math.Pow(10, Math.Floor(Math.Log10((q.Max - q.Min) / 200))) : 0.01;

    /// <summary>A new threshold: the sweep does not depend on it, only the backtest and the marks.</summary>
    public void MoveThreshold(double threshold)
    {
        Threshold = threshold;
        Recompute(sweep: false);
    }

    /// <summary>A heatmap cell: threshold and <c>for</c> at once, so the sweep is recomputed once.</summary>
    public void Pick(double threshold, TimeSpan @for)
    {
        (Threshold, For) = (threshold, @for);
        Recompute(sweep: true);
    }

    /// <summary>A new <c>for</c> or <c>keep_firing_for</c>: every point of the sweep changes too.</summary>
    public void ChangeDurations(TimeSpan @for, TimeSpan keepFiringFor)
    {
        (For, KeepFiringFor) = (@for, keepFiringFor);
        Recompute(sweep: true);
    }

    private void Recompute(bool sweep)
    {
        var input = Samples.Input(Target.Operator, Threshold, For, KeepFiringFor);
        Result = Backtest.Run(input);
        if (sweep)
        {
            Sweep = ThresholdSweep.Run(input, _advice);
            // Every sweep point is drawn as computed, zeros included, on a linear axis: a log axis has no
            // place for zero and misdrew the rest.
            SweepSeries = Sweep.Unavailable is null
                ? [new NumericSeries("alerts/week", Sweep.Points.Select(p => new NumericPoint(p.Threshold, p.AlertsPerWeek)).ToList())]
                : [];
            SweepAxis = (0, NiceCeiling(Sweep.Points.Select(p => p.AlertsPerWeek).Where(double.IsFinite).DefaultIfEmpty(0).Max()));
            // The grid ignores the threshold and for under test: only new columns or keep_firing_for change it.
            var columns = Sweep.Points.Select(p => p.Threshold).Distinct().Order().ToList();
            if (Grid is null || Grid.Thresholds.Count != columns.Count || !Grid.Thresholds.SequenceEqual(columns) || _gridKeep != KeepFiringFor)
            {
                Grid = ThresholdForGrid.Run(input, columns);
                _gridKeep = KeepFiringFor;
            }
        }
        else
        {
            // The suggested threshold does not depend on the current one, but its sentence does.
            Sweep = ThresholdSweep.Rephrase(Sweep, Target.Operator, Threshold, Result.Total);
        }

        ChartLines = _siblings.Select(t => new HorizontalLine(t, $"sibling {t:G6}", "#9e9e9e"))
            .Prepend(new HorizontalLine(Threshold, $"threshold {Threshold:G6}", "#d32f2f"))
            .ToList();
        var endMs = Samples.Plan.End.ToUnixTimeMilliseconds();
        ChartRanges = _charted
            .SelectMany(i => Result.Series[i].Episodes.Where(e => e.Fired))
            .Select(e => new ShadedRange(DateTimeOffset.FromUnixTimeMilliseconds(e.FiringSinceMs!.Value),
                DateTimeOffset.FromUnixTimeMilliseconds(e.ResolvedAtMs ?? endMs), null, "#ef5350"))
            .Take(MaxShadedWindows)
            .ToList();
        SweepMarks = Marks();
        AxisBounds = Bounds();
    }

    /// <summary>The smallest 1, 2 or 5 × 10^n at or above <paramref name="max"/> (and at least 1).</summary>
    internal static double NiceCeiling(double max)
    {
        if (!(max > 1))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var factor in new[] { 1.0, 2, 5, 10 })
        {
            if (factor * power >= max)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }

    private (double? Min, double? Max) Bounds()
    {
        if (Sweep.Quantiles is not { } q)
        {
            return (null, null);
        }

        var lines = ChartLines.Select(l => l.Value).ToList();
        var (low, high) = (Math.Min(q.Min, lines.Min()), Math.Max(q.Max, lines.Max()));
        if (low >= q.Min && high <= q.Max)
        {
            return (null, null);
        }

        var pad = (high - low) * 0.05;
        // Values that cannot go negative (ratios, counts) should not get a negative axis from the padding.
        var min = low >= 0 ? Math.Max(0, low - pad) : low - pad;
        return (low < q.Min ? min : null, high > q.Max ? high + pad : null);
    }

    private List<ShadedRange> Marks()
    {
        var width = Sweep.Quantiles is { } q && q.Max > q.Min ? (q.Max - q.Min) / 400 : 0.001;
        var marks = new List<ShadedRange> { new(Threshold - width, Threshold + width, "current", "#d32f2f") };
        if (Sweep.Suggestion.Threshold is { } suggested)
        {
            marks.Add(new ShadedRange(suggested - width, suggested + width, "suggested", "#2e7d32"));
        }

        return marks;
    }

    /// <summary>Indexes of the series that reach furthest past the threshold's side, worst first.</summary>
    private static List<int> RankSeries(IReadOnlyList<BacktestSeries> series, TokenKind op)
    {
        var higherIsWorse = op is TokenKind.Gtr or TokenKind.Gte or TokenKind.Eql or TokenKind.Neq;
        return series
            .Select((s, index) => (index, peak: Peak(s.Samples, higherIsWorse)))
            .OrderByDescending(x => double.IsNaN(x.peak) ? double.MinValue : x.peak)
            .Take(ChartedSeries)
            .Select(x => x.index)
            .ToList();
    }

    private static double Peak(IReadOnlyList<Sample> samples, bool higherIsWorse)
    {
        var peak = double.NaN;
        foreach (var sample in samples)
        {
            var value = higherIsWorse ? sample.Value : -sample.Value;
            if (double.IsFinite(value) && (double.IsNaN(peak) || value > peak))
            {
                peak = value;
            }
        }

        return peak;
    }

    internal static string SeriesName(LabelMap labels) =>
        labels.Count == 0 ? "{}" : "{" + string.Join(", ", labels.Where(l => l.Key != "__name__").Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
