using Portal.Domain.Tuning;
using static Portal.Tests.Unit.Domain.Tuning.TuningTestData;

namespace Portal.Tests.Unit.Domain.Tuning;

public class LookbackTests
{
    private static readonly Sample[] Raw = [new(0, 1), new(90_000, 2), new(100_000, 3)];

    [Fact]
    public void AtEvaluationTimes_TakesTheNewestSampleAtOrBeforeEachTime() =>
        Assert.Equal([new Sample(0, 1), new Sample(Minute, 1), new Sample(2 * Minute, 3)],
            Lookback.AtEvaluationTimes(Raw, 0, 2 * Minute, TimeSpan.FromMinutes(1)));

    [Fact]
    public void AtEvaluationTimes_SampleExactlyFiveMinutesOld_StillCounts() =>
        Assert.Contains(new Sample(5 * Minute, 1), Lookback.AtEvaluationTimes([new Sample(0, 1)], 0, 6 * Minute, TimeSpan.FromMinutes(1)));

    [Fact]
    public void AtEvaluationTimes_OlderSample_IsAbsent() =>
        Assert.Equal(6, Lookback.AtEvaluationTimes([new Sample(0, 1)], 0, 9 * Minute, TimeSpan.FromMinutes(1)).Count);

    [Fact]
    public void AtEvaluationTimes_ShorterLookback_DropsSamplesSooner() =>
        Assert.Equal(2, Lookback.AtEvaluationTimes([new Sample(0, 1)], 0, 9 * Minute, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)).Count);

    [Fact]
    public void AtEvaluationTimes_GapShorterThanTheLookback_KeepsTheAlertFiring()
    {
        var raw = new[] { new Sample(0, 9), new Sample(4 * Minute, 1) };
        var input = Input(">", 5, 0, 0, 5, new BacktestSeries(Series("").Labels, Lookback.AtEvaluationTimes(raw, 0, 4 * Minute, TimeSpan.FromMinutes(1))));

        Assert.Equal("FFFF.", States(Backtest.Run(input).Series[0]));
    }
}
