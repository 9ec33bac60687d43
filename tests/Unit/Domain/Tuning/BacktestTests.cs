using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using static Portal.Tests.Unit.Domain.Tuning.TuningTestData;

namespace Portal.Tests.Unit.Domain.Tuning;

public class BacktestTests
{
    [Fact]
    public void Run_ForZero_FiresAtTheFirstBreach() =>
        Assert.Equal("..FF.", States("1 1 9 9 1", ">", 5));

    [Fact]
    public void Run_ValueAboveThresholdShorterThanFor_NeverFires() =>
        Assert.Equal(".ppp..", States("1 9 9 9 1 1", ">", 5, forMinutes: 3));

    [Fact]
    public void Run_ValueAboveThresholdExactlyFor_FiresWhenForHasPassed() =>
        Assert.Equal(".pppF.", States("1 9 9 9 9 1", ">", 5, forMinutes: 3));

    [Fact]
    public void Run_GapWhilePending_RestartsTheForClock() =>
        Assert.Equal("pp.ppF", States("9 9 _ 9 9 9", ">", 5, forMinutes: 2));

    [Fact]
    public void Run_KeepFiringFor_BridgesAShortDip() =>
        Assert.Equal("FFFFFF", States("9 9 1 _ 9 9", ">", 5, keepMinutes: 3));

    [Fact]
    public void Run_KeepFiringFor_CountsFromTheFirstMissedEvaluationAndThenResolves() =>
        // Missed at 2m, 3m, 4m: kept while t - 2m < 3m, resolved at 5m.
        Assert.Equal("FFFFF..", States("9 9 1 1 1 1 1", ">", 5, keepMinutes: 3));

    [Fact]
    public void Run_KeepFiringFor_RestartsAfterTheConditionReturns() =>
        Assert.Equal("FFFFF..", States("9 1 9 1 1 1 1", ">", 5, keepMinutes: 2));

    [Fact]
    public void Run_KeepFiringFor_DoesNotProtectAPendingAlert() =>
        Assert.Equal("pp.pp", States("9 9 1 9 9", ">", 5, forMinutes: 5, keepMinutes: 10));

    [Theory]
    [InlineData(">")]
    [InlineData(">=")]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData("==")]
    public void Run_NaNSample_NeverHoldsForOtherComparisons(string op) =>
        Assert.Equal("...", States("NaN NaN NaN", op, 5));

    [Fact]
    public void Run_NaNSample_HoldsForNotEqualAsInPrometheus() =>
        Assert.Equal("FF.", States("NaN NaN 5", "!=", 5));

    [Theory]
    [InlineData(">=", "FF..")]
    [InlineData("<=", ".FFF")]
    [InlineData("==", ".F..")]
    [InlineData("<", "..FF")]
    public void Run_EachOperator_ComparesLikePrometheus(string op, string expected) =>
        Assert.Equal(expected, States("7 5 3 -1", op, 5));

    [Fact]
    public void Run_SeveralSeries_AreIndependent()
    {
        var result = Backtest.Run(Input(">", 5, 1, 0, 5, Series("9 9 9 1 1", "a"), Series("1 9 1 9 9", "b")));

        Assert.Equal("pFF..", States(result.Series[0]));
        Assert.Equal(".p.pF", States(result.Series[1]));
        Assert.Equal(LabelMap.Of(("instance", "b")), result.Series[1].Labels);
    }

    [Fact]
    public void Run_MetricName_IsNotPartOfTheAlertIdentity()
    {
        var series = new BacktestSeries(LabelMap.Of(("__name__", "up"), ("job", "x")), [new Sample(0, 1)]);

        var result = Backtest.Run(Input(">", 0, 0, 0, 1, series));

        Assert.Equal(LabelMap.Of(("job", "x")), result.Series[0].Labels);
    }

    [Fact]
    public void Run_TwoSeriesWithTheSameLabels_AreRefused()
    {
        var first = new BacktestSeries(LabelMap.Of(("__name__", "a"), ("job", "x")), []);
        var second = new BacktestSeries(LabelMap.Of(("__name__", "b"), ("job", "x")), []);

        Assert.Throws<ArgumentException>(() => Backtest.Run(Input(">", 0, 0, 0, 1, first, second)));
    }

    [Fact]
    public void Run_SampleBetweenEvaluationTimes_IsRefused()
    {
        var series = new BacktestSeries(LabelMap.Of(("job", "x")), [new Sample(30_000, 1)]);

        var error = Assert.Throws<ArgumentException>(() => Backtest.Run(Input(">", 0, 0, 0, 3, series)));
        Assert.Contains("between evaluation times", error.Message);
    }

    [Theory]
    [InlineData("!")]
    [InlineData("+")]
    public void FromSymbol_NotAComparison_IsRefused(string symbol) =>
        Assert.Throws<ArgumentException>(() => Comparisons.FromSymbol(symbol));

    [Fact]
    public void Run_OperatorThatIsNotAComparison_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Backtest.Run(Input(">", 5, 0, 0, 2, Series("1 1")) with { Operator = TokenKind.Add }));

    [Fact]
    public void Run_SamplesOutsideTheRange_AreIgnored() =>
        Assert.Equal("F", States(Backtest.Run(Input(">", 5, 0, 0, 1, Series("9 9 9"))).Series[0]));

    [Fact]
    public void Run_Episodes_CarryTheirTimesAndTheWorstValue()
    {
        var result = Backtest.Run(Input("<", 5, 1, 1, 10, Series("9 3 1 2 9 9 4 9 9 9")));

        Assert.Equal(
            [
                new AlertEpisode(1 * Minute, 2 * Minute, 5 * Minute, 1),
                new AlertEpisode(6 * Minute, null, 7 * Minute, 4),
            ],
            result.Series[0].Episodes);
    }

    [Fact]
    public void Run_EpisodeActiveAtTheEnd_HasNoResolvedTime()
    {
        var episodes = Backtest.Run(Input(">", 5, 1, 0, 3, Series("1 9 9"))).Series[0].Episodes;

        Assert.Equal([new AlertEpisode(1 * Minute, 2 * Minute, null, 9)], episodes);
    }

    [Fact]
    public void Run_StatesByIndex_EqualTheStatesInOrder()
    {
        var random = new Random(11);
        var input = Input(">", 50, 3, 2, 500, RandomSeries(random, 500, "a"), RandomSeries(random, 500, "b"));

        foreach (var series in Backtest.Run(input).Series)
        {
            Assert.Equal(series.States.ToList(), Enumerable.Range(0, series.States.Count).Select(i => series.States[i]).ToList());
            Assert.Contains(AlertState.Firing, series.States);
        }
    }

    [Fact]
    public void Run_EvaluationTimes_FollowStartAndInterval()
    {
        var input = Input(">", 5, 0, 0, 1, Series("9")) with { StartMs = 1_000, EndMs = 1_000 + 150_000, Interval = TimeSpan.FromSeconds(30) };

        var result = Backtest.Run(input);

        Assert.Equal(6, result.Steps);
        Assert.Equal(1_000 + 150_000, result.TimeAt(5));
    }
}
