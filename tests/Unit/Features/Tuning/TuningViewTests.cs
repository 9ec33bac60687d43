using Portal.Domain.PromQl;
using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
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
    [InlineData(0, "0")]
    [InlineData(45, "45 s")]
    [InlineData(600, "10 min")]
    [InlineData(5400, "1.5 h")]
    [InlineData(3 * 86400, "3 d")]
    public void Spans_AreWrittenInOneUnit(int seconds, string expected) =>
        Assert.Equal(expected, TuningText.Span(TimeSpan.FromSeconds(seconds)));
}
