using Portal.Domain.Tuning;
using static Portal.Tests.Unit.Domain.Tuning.TuningTestData;

namespace Portal.Tests.Unit.Domain.Tuning;

public class BacktestStatisticsTests
{
    /// <summary>One hour at one-minute steps, value 9 inside the given step ranges and 1 elsewhere.</summary>
    private static BacktestSeries Hour(string name, params (int From, int To)[] breaches) =>
        Series(string.Join(' ', Enumerable.Range(0, 60).Select(i => breaches.Any(b => i >= b.From && i <= b.To) ? "9" : "1")), name);

    // a: pending 10-11, firing 12-19, resolved 20; pending 25-26, firing 27-29, resolved 30.
    // b: pending 40-41 only; pending 47-48, firing 49 to the end.
    private static BacktestResult Example(TimeSpan? flapGap = null) =>
        Backtest.Run(Input(">", 5, 2, 0, 60, Hour("a", (10, 19), (25, 29)), Hour("b", (40, 41), (47, 59))) with
        {
            FlapGap = flapGap ?? TimeSpan.FromHours(1),
        });

    [Fact]
    public void Run_OneSeries_CountsFiringEpisodesAndScalesThemToAWeek()
    {
        var a = Example().Series[0].Statistics;

        Assert.Equal(2, a.FiringEpisodes);
        Assert.Equal(2 * 24 * 7, a.AlertsPerWeek, precision: 9);
    }

    [Fact]
    public void Run_OneSeries_AddsUpFiringTime()
    {
        var a = Example().Series[0].Statistics;

        Assert.Equal(TimeSpan.FromMinutes(11), a.TotalFiring);
        Assert.Equal(TimeSpan.FromMinutes(8), a.LongestFiring);
        Assert.Equal(11 / 60.0, a.FiringShare, precision: 12);
    }

    [Fact]
    public void Run_EpisodeFiringAtTheEnd_CountsUntilTheRangeEnds()
    {
        var b = Example().Series[1].Statistics;

        Assert.Equal(1, b.FiringEpisodes);
        Assert.Equal(TimeSpan.FromMinutes(11), b.TotalFiring);
    }

    [Fact]
    public void Run_RefireWithinTheFlapGap_IsAFlap() =>
        Assert.Equal(1, Example().Series[0].Statistics.Flaps);

    [Fact]
    public void Run_RefireLaterThanTheFlapGap_IsNoFlap() =>
        Assert.Equal(0, Example(TimeSpan.FromMinutes(6)).Series[0].Statistics.Flaps);

    [Fact]
    public void Run_RefireExactlyAtTheFlapGap_IsAFlap() =>
        Assert.Equal(1, Example(TimeSpan.FromMinutes(7)).Series[0].Statistics.Flaps);

    [Fact]
    public void Run_TimeToFire_RunsFromFirstBreachToFiring()
    {
        var a = Example().Series[0].Statistics;

        Assert.Equal(TimeSpan.FromMinutes(2), a.MeanTimeToFire);
        Assert.Equal(TimeSpan.FromMinutes(2), a.MedianTimeToFire);
    }

    [Fact]
    public void Run_NothingFired_HasNoTimeToFire()
    {
        var quiet = Backtest.Run(Input(">", 5, 0, 0, 3, Series("1 1 1"))).Series[0].Statistics;

        Assert.Equal(new BacktestStatistics(0, 0, TimeSpan.Zero, TimeSpan.Zero, 0, 0, null, null), quiet);
    }

    [Fact]
    public void Run_Total_AddsSeriesUpAndCountsEachEvaluationOnceForTheShare()
    {
        var total = Example().Total;

        Assert.Equal(3, total.FiringEpisodes);
        Assert.Equal(3 * 24 * 7, total.AlertsPerWeek, precision: 9);
        Assert.Equal(TimeSpan.FromMinutes(22), total.TotalFiring);
        Assert.Equal(TimeSpan.FromMinutes(11), total.LongestFiring);
        Assert.Equal(22 / 60.0, total.FiringShare, precision: 12);
        Assert.Equal(1, total.Flaps);
    }

    [Fact]
    public void Run_TotalShare_CountsOverlappingFiringOnce()
    {
        var total = Backtest.Run(Input(">", 5, 0, 0, 4, Series("9 9 1 1", "a"), Series("1 9 9 1", "b"))).Total;

        Assert.Equal(TimeSpan.FromMinutes(4), total.TotalFiring);
        Assert.Equal(3 / 4.0, total.FiringShare, precision: 12);
    }

    [Fact]
    public void Run_ForBetweenEvaluations_TakesTheNextEvaluationToFire()
    {
        // Every episode fires at the first evaluation at least `for` after its first breach, so the time to
        // fire is `for` rounded up to whole intervals.
        var total = Backtest.Run(Input(">", 5, 0, 0, 6, Series("9 9 9 1 9 9", "a"), Series("1 9 9 9 1 1", "b")) with
        {
            For = TimeSpan.FromSeconds(90),
        }).Total;

        Assert.Equal(2, total.FiringEpisodes);
        Assert.Equal(TimeSpan.FromMinutes(2), total.MeanTimeToFire);
        Assert.Equal(TimeSpan.FromMinutes(2), total.MedianTimeToFire);
    }
}
