using Portal.Components.Shared.Charts;
using Portal.Domain.Tuning;

namespace Portal.Features.Tuning;

public partial class TuningPage
{
    /// <summary>The series with the most extreme values, their firing windows, and the sweep curve.</summary>
    private void DrawCharts()
    {
        if (_samples is null || _result is null || _target is null)
        {
            return;
        }

        var higherIsWorse = _target.Operator is Domain.PromQl.TokenKind.Gtr or Domain.PromQl.TokenKind.Gte;
        var ranked = _samples.Series
            .Select((series, index) => (series, index, peak: series.Samples.Count == 0 ? double.NaN
                : higherIsWorse ? series.Samples.Max(s => s.Value) : -series.Samples.Min(s => s.Value)))
            .OrderByDescending(x => double.IsNaN(x.peak) ? double.MinValue : x.peak)
            .Take(ChartedSeries)
            .ToList();
        _chartSeries = ranked
            .Select(x => (ChartSeries)new TimeSeries(SeriesName(x.series.Labels),
                x.series.Samples.Select(s => new TimePoint(DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMs), double.IsFinite(s.Value) ? s.Value : null)).ToList()))
            .ToList();
        _chartLines = _siblings.Select(t => new HorizontalLine(t, $"sibling {t}", "#9e9e9e"))
            .Prepend(new HorizontalLine(_threshold, $"threshold {_threshold}", "#d32f2f"))
            .ToList();
        var endMs = _samples.Plan.End.ToUnixTimeMilliseconds();
        _chartRanges = ranked
            .SelectMany(x => _result.Series[x.index].Episodes.Where(e => e.Fired))
            .Select(e => new ShadedRange(DateTimeOffset.FromUnixTimeMilliseconds(e.FiringSinceMs!.Value),
                DateTimeOffset.FromUnixTimeMilliseconds(e.ResolvedAtMs ?? endMs), null, "#ef5350"))
            .Take(200)
            .ToList();

        if (_sweep is null)
        {
            return;
        }

        // A log axis cannot show zero: thresholds that never fire are left out of the curve.
        _sweepSeries =
        [
            new NumericSeries("alerts/week", _sweep.Points.Select(p => new NumericPoint(p.Threshold, p.AlertsPerWeek > 0 ? p.AlertsPerWeek : null)).ToList()),
        ];
        var width = _sweep.Quantiles is { } q && q.Max > q.Min ? (q.Max - q.Min) / 400 : 0.001;
        var marks = new List<ShadedRange> { new(_threshold - width, _threshold + width, "current", "#d32f2f") };
        if (_sweep.Suggestion.Threshold is { } suggested)
        {
            marks.Add(new ShadedRange(suggested - width, suggested + width, "suggested", "#2e7d32"));
        }

        _sweepMarks = marks;
    }

    internal static string SeriesName(Domain.RuleFiles.LabelMap labels) =>
        labels.Count == 0 ? "{}" : "{" + string.Join(", ", labels.Where(l => l.Key != "__name__").Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
