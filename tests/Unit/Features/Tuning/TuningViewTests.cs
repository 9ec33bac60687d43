using Portal.Domain.PromQl;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Components.Shared.Charts;
using Portal.Domain.Tuning;
using Portal.Features.Tuning;
using Portal.Infrastructure.Tuning;

namespace Portal.Tests.Unit.Features.Tuning;

public class TuningViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    /// <summary>Series i sits at i, except for a burst to i + 10 during minutes 30–39.</summary>
    private static TuningSamples Samples(int seriesCount, int minutes = 120)
    {
        var series = Enumerable.Range(0, seriesCount)
            .Select(i => new BacktestSeries(
                LabelMap.Of(("instance", $"host-{i}")),
                Enumerable.Range(0, minutes)
                    .Select(m => new Sample(Start.AddMinutes(m).ToUnixTimeMilliseconds(), m is >= 30 and < 40 ? i + 10 : i))
                    .ToList()))
            .ToList();
        var end = Start.AddMinutes(minutes - 1);
        return new TuningSamples(new TuningRequest("load", Start, end, Step), new RangePlan(Start, end, Step), series, seriesCount);
    }

    private static TuningTarget Target(TokenKind op = TokenKind.Gtr, double threshold = 100, string forText = "0s") =>
        new("LoadHigh", "load", op, threshold, PromDuration.Parse(forText).ToTimeSpan(), TimeSpan.Zero, Step, "warning", Guid.NewGuid());

    [Fact]
    public void MovingTheThreshold_ReRunsTheBacktest_ButKeepsTheSweep()
    {
        var view = new TuningView(Target(), Samples(3), [], threshold: 100);
        var sweep = view.Sweep;
        Assert.Equal(0, view.Result.Total.FiringEpisodes);
        Assert.Empty(view.ChartRanges);

        view.MoveThreshold(10.5);

        Assert.Equal(2, view.Result.Total.FiringEpisodes); // host-1 and host-2 burst past 10.5, host-0 reaches only 10
        Assert.Equal(2, view.ChartRanges.Count);
        Assert.Same(sweep.Points, view.Sweep.Points);
        Assert.StartsWith("At > 10.5 this rule would have fired", view.Sweep.Suggestion.Explanation); // the sentence follows the threshold
        Assert.Equal(10.5, view.ChartLines[0].Value);
        Assert.Contains(view.SweepMarks, m => m.Label == "current" && (double)m.From.Value < 10.5 && (double)m.To.Value > 10.5);
    }

    [Fact]
    public void ChangingFor_ChangesBacktestAndSweep()
    {
        var view = new TuningView(Target(threshold: 10.5), Samples(3), [], threshold: 10.5);
        var sweep = view.Sweep;

        view.ChangeDurations(TimeSpan.FromMinutes(15), TimeSpan.Zero);

        Assert.Equal(0, view.Result.Total.FiringEpisodes); // the bursts last ten minutes
        Assert.NotSame(sweep, view.Sweep);
    }

    [Fact]
    public void ChartsTheSeriesClosestToFiring_OnTheThresholdsSide()
    {
        var above = new TuningView(Target(TokenKind.Gtr), Samples(20), [], threshold: 100);
        var below = new TuningView(Target(TokenKind.Lss), Samples(20), [], threshold: -1);

        Assert.Equal(TuningView.ChartedSeries, above.ChartSeries.Count);
        Assert.Equal("{instance=\"host-19\"}", above.ChartSeries[0].Name);
        Assert.Equal("{instance=\"host-0\"}", below.ChartSeries[0].Name);
    }

    [Fact]
    public void SiblingThresholds_AreDrawnNextToTheRulesOwn()
    {
        var view = new TuningView(Target(), Samples(2), [5, 8], threshold: 3);

        Assert.Equal([3.0, 5.0, 8.0], view.ChartLines.Select(l => l.Value));
        Assert.Equal("threshold 3", view.ChartLines[0].Label);
        Assert.Equal("sibling 8", view.ChartLines[2].Label);
    }

    [Fact]
    public void TheAxisStretchesToThresholdsOutsideTheData_AndOnlyThen()
    {
        var inside = new TuningView(Target(), Samples(3), [], threshold: 5);
        var above = new TuningView(Target(), Samples(3), [50], threshold: 5);

        Assert.Equal((null, null), inside.AxisBounds);
        Assert.Null(above.AxisBounds.Min);
        Assert.True(above.AxisBounds.Max > 50);
    }

    [Theory]
    [InlineData(TokenKind.Gtr, "0s")]
    [InlineData(TokenKind.Lte, "3m")]
    public void SweepChart_EveryPlottedPoint_EqualsTheBacktestAtItsThreshold(TokenKind op, string forText)
    {
        var target = Target(op, 10.5, forText);
        var samples = Samples(5);
        var view = new TuningView(target, samples, [], threshold: 10.5);

        var points = ((NumericSeries)Assert.Single(view.SweepSeries)).Points;
        Assert.Equal(view.Sweep.Points.Count, points.Count);
        foreach (var point in points)
        {
            var expected = Backtest.Run(samples.Input(op, point.X, target.For, target.KeepFiringFor)).Total.AlertsPerWeek;
            Assert.Equal(expected, point.Y!.Value, precision: 9);
            Assert.InRange(point.Y.Value, view.SweepAxis.Min, view.SweepAxis.Max);
        }
    }

    [Fact]
    public void SweepChart_Axes_AreSaneForZeroFlatAndEmptyData()
    {
        static TuningSamples Flat(double value, int seriesCount = 1)
        {
            var series = Enumerable.Range(0, seriesCount)
                .Select(i => new BacktestSeries(LabelMap.Of(("instance", $"host-{i}")),
                    Enumerable.Range(0, 60).Select(m => new Sample(Start.AddMinutes(m).ToUnixTimeMilliseconds(), value)).ToList()))
                .ToList();
            var end = Start.AddMinutes(59);
            return new TuningSamples(new TuningRequest("load", Start, end, Step), new RangePlan(Start, end, Step), series, seriesCount);
        }

        var zero = new TuningView(Target(threshold: 5), Flat(0), [], threshold: 5);
        var flat = new TuningView(Target(threshold: 1), Flat(3), [], threshold: 1);
        var empty = new TuningView(Target(threshold: 5), Flat(0, seriesCount: 0), [], threshold: 5);

        Assert.Equal((0.0, 1.0), zero.SweepAxis);
        Assert.All(((NumericSeries)zero.SweepSeries[0]).Points, p => Assert.Equal(0, p.Y));
        // One episode in the hour with data: 168 a week, drawn at its value under a round axis maximum.
        Assert.Equal(168, ((NumericSeries)flat.SweepSeries[0]).Points.Max(p => p.Y!.Value), precision: 9);
        Assert.Equal((0.0, 200.0), flat.SweepAxis);
        Assert.Equal((0.0, 1.0), empty.SweepAxis);
        Assert.Equal(0, Assert.Single(((NumericSeries)empty.SweepSeries[0]).Points).Y);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.4, 1)]
    [InlineData(1.2, 2)]
    [InlineData(168, 200)]
    [InlineData(504, 1000)]
    [InlineData(5000, 5000)]
    public void SweepAxis_Maximum_IsARoundNumberAtOrAboveTheHighestPoint(double max, double expected) =>
        Assert.Equal(expected, TuningView.NiceCeiling(max));

    [Theory]
    [InlineData(TokenKind.Eql)]
    [InlineData(TokenKind.Neq)]
    public void EqualityRule_BacktestsAndExplainsWhyThereIsNoSweep(TokenKind op)
    {
        var view = new TuningView(Target(op, threshold: 0), Samples(3), [], threshold: 0);

        Assert.Empty(view.SweepSeries);
        Assert.Contains("no stricter or looser threshold", view.Sweep.Unavailable);
        view.MoveThreshold(1);
        // == 1: host-1 before and after its burst (2); != 1: host-0 and host-2 throughout, host-1 during its burst (3).
        Assert.Equal(op == TokenKind.Eql ? 2 : 3, view.Result.Total.FiringEpisodes);
        Assert.StartsWith($"At {(op == TokenKind.Eql ? "==" : "!=")} 1 this rule", view.Sweep.Suggestion.Explanation);
    }

    [Fact]
    public void Coverage_IsShown_AndTooLittleDataWithholdsTheSuggestion()
    {
        var view = new TuningView(Target(threshold: 10.5), Samples(3), [], threshold: 10.5);

        Assert.Equal("Data for 2 h of the last 2 h", view.CoverageText);
        Assert.True(view.TooLittleData);
        Assert.Null(view.Sweep.Suggestion.Threshold);

        var lenient = new TuningView(Target(threshold: 10.5), Samples(3), [], threshold: 10.5, new SweepOptions { MinCoverage = TimeSpan.FromHours(1) });
        Assert.False(lenient.TooLittleData);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(45, "45 s")]
    [InlineData(600, "10 min")]
    [InlineData(5400, "1.5 h")]
    [InlineData(3 * 86400, "3 d")]
    public void Spans_AreWrittenInOneUnit(int seconds, string expected) =>
        Assert.Equal(expected, TuningText.Span(TimeSpan.FromSeconds(seconds)));
}
