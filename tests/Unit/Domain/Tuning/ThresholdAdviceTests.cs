using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using static Portal.Tests.Unit.Domain.Tuning.TuningTestData;

namespace Portal.Tests.Unit.Domain.Tuning;

/// <summary>Coverage, the two budgets, rounding and every operator: the advice a person is meant to trust.</summary>
public class ThresholdAdviceTests
{
    private const int Day = 24 * 60;
    private const int Week = 7 * Day;

    /// <summary>A series with a value a minute at minutes [from, to).</summary>
    private static BacktestSeries Minutes(string name, int from, int to, Func<int, double> value) =>
        new(LabelMap.Of(("instance", name)), Enumerable.Range(from, to - from).Select(m => new Sample(m * Minute, value(m))).ToList());

    /// <summary>node_load1-like noise around 3 (2.5 to 3.5, deterministic), with an occasional spike.</summary>
    private static double Load(int minute) =>
        3 + 0.5 * Math.Sin(minute * 0.7) * Math.Cos(minute * 0.013) + (minute % 997 < 4 ? 4 : 0);

    [Fact]
    public void Coverage_RatesAreDividedByTheTimeWithData_NotByTheRangeAsked()
    {
        // Seven days asked, twenty minutes of data, one episode: once in twenty minutes is 504 a week.
        var input = Input(">", 5, 0, 0, Week, Minutes("a", 100, 120, m => m is >= 105 and < 110 ? 10 : 1));

        var result = Backtest.Run(input);

        Assert.Equal(1200, result.Coverage.SecondsWithData);
        Assert.Equal(Week * 60.0, result.Coverage.SecondsAsked);
        Assert.Equal(1200 / (Week * 60.0), result.Coverage.Share, precision: 12);
        Assert.Equal(504, result.Total.AlertsPerWeek, precision: 9);
        Assert.Equal(5 / 20.0, result.Total.FiringShare, precision: 12);
        Assert.Equal(5 / 20.0, result.Series[0].Statistics.FiringShare, precision: 12);
    }

    [Fact]
    public void Coverage_CountsAMinuteOnce_WhenSeveralSeriesHaveData_AndNaNAsData()
    {
        var input = Input(">", 5, 0, 0, 100,
            Minutes("a", 0, 30, _ => 1),
            Minutes("b", 20, 40, m => m == 25 ? double.NaN : 1));

        Assert.Equal(40 * 60, Backtest.Run(input).Coverage.SecondsWithData);
        Assert.Equal(40 * 60, ThresholdSweep.Run(input).Coverage.SecondsWithData);
    }

    [Fact]
    public void Coverage_NoData_GivesZeroRates_NotADivisionByZero()
    {
        var result = Backtest.Run(Input(">", 5, 0, 0, 100, Minutes("a", 0, 0, _ => 0)));

        Assert.Equal(0, result.Coverage.SecondsWithData);
        Assert.Equal(0, result.Total.AlertsPerWeek);
        Assert.Equal(0, result.Total.FiringShare);
    }

    [Fact]
    public void Suggestion_TwentyMinutesOfAWeek_IsWithheld_ButTheStatisticsStay()
    {
        // The reported case: ~20 min of data, node_load1 > 0.87 suggested while the median was 3.07.
        var input = Input(">", 0.87, 0, 0, Week, Minutes("a", Week - 20, Week, Load));

        var sweep = ThresholdSweep.Run(input);

        Assert.Null(sweep.Suggestion.Threshold);
        Assert.Equal(SuggestionWithheld.Coverage, sweep.Suggestion.Withheld);
        Assert.Contains("there is data for 20 min of the 7 d asked", sweep.Suggestion.Explanation);
        Assert.NotEmpty(sweep.Points);
        Assert.Equal(1200, sweep.Coverage.SecondsWithData);
    }

    [Fact]
    public void Suggestion_LessThanHalfTheRange_IsWithheld_EvenBeyondTheMinimumTime()
    {
        var input = Input(">", 5, 0, 0, Week, Minutes("a", 0, 2 * Day, Load));

        Assert.Equal(SuggestionWithheld.Coverage, ThresholdSweep.Run(input).Suggestion.Withheld);
        Assert.Null(ThresholdSweep.Run(input, new SweepOptions { MinCoverageShare = 0.25 }).Suggestion.Withheld);
    }

    [Fact]
    public void Suggestion_AlwaysFiringAtTheCurrentThreshold_IsNeverAThresholdThatFiresMostOfTheTime()
    {
        // Two days of load around 3: > 0.87 fires all the time, which is one episode and fits any alerts budget.
        var input = Input(">", 0.87, 0, 0, 2 * Day, Minutes("a", 0, 2 * Day, Load));

        var suggestion = ThresholdSweep.Run(input).Suggestion;

        var suggested = suggestion.Threshold!.Value;
        var at = Backtest.Run(input.WithThreshold(suggested)).Total;
        Assert.True(at.FiringShare <= 0.02, $"fires {at.FiringShare:P} of the time at {suggested}");
        Assert.True(at.AlertsPerWeek <= 5);
        Assert.True(suggested > 3.4, $"{suggested} is inside the usual values");
        Assert.Equal(at.AlertsPerWeek, suggestion.AlertsPerWeek!.Value, precision: 9);
        Assert.Equal(at.FiringShare, suggestion.FiringShare!.Value, precision: 12);
        // One episode (3.5 a week) is within the alerts budget; firing all the time is not.
        Assert.StartsWith("At > 0.87 this rule would have fired 3.5 times a week (100% of the time), over the warning budget of 5 a week and 2% of the time firing; > ",
            ThresholdSweep.Run(input, new SweepOptions { Severity = "warning" }).Suggestion.Explanation);
    }

    [Fact]
    public void Suggestion_RisingData_IsTheMostSensitiveThresholdWithinTheFiringBudget()
    {
        // 0 to 100 over two days: > t fires for the last (100 - t) % of the time, once.
        var input = Input(">", 50, 0, 0, 2 * Day, Minutes("a", 0, 2 * Day, m => 100.0 * m / (2 * Day)));

        var suggestion = ThresholdSweep.Run(input).Suggestion;

        // The loosest sweep point within 2 % is 98.47; rounded to two digits and checked, 98 still fires at most 2 %.
        Assert.Equal(98, suggestion.Threshold);
        Assert.True(suggestion.FiringShare <= 0.02);
        var explanation = ThresholdSweep.Run(input, new SweepOptions { Severity = "warning" }).Suggestion.Explanation;
        Assert.StartsWith("At > 50 this rule would have fired 3.5 times a week (", explanation);
        Assert.Contains("of the time), over the warning budget of 5 a week and 2% of the time firing; > 98 (48 higher) would have fired", explanation);
    }

    [Fact]
    public void Suggestion_FlatData_IsWithheld()
    {
        var suggestion = ThresholdSweep.Run(Input(">", 5, 0, 0, 2 * Day, Minutes("a", 0, 2 * Day, _ => 3.07))).Suggestion;

        Assert.Null(suggestion.Threshold);
        Assert.Equal(SuggestionWithheld.Flat, suggestion.Withheld);
        Assert.Contains("every sample was 3.07", suggestion.Explanation);
    }

    [Fact]
    public void Suggestion_NeverFiringAtTheCurrentThreshold_SaysHowMuchLowerItCouldGo()
    {
        var input = Input(">", 50, 0, 0, 2 * Day, Minutes("a", 0, 2 * Day, Load));

        var suggestion = ThresholdSweep.Run(input).Suggestion;

        Assert.Equal(0, suggestion.CurrentAlertsPerWeek);
        Assert.True(suggestion.Threshold < 50);
        Assert.Contains("lower) is the lowest threshold that still stays within it", suggestion.Explanation);
    }

    [Fact]
    public void Suggestion_LessThan_MirrorsGreaterThan()
    {
        var input = Input("<", 0, 0, 0, 2 * Day, Minutes("a", 0, 2 * Day, m => 100 - 100.0 * m / (2 * Day)));

        var suggestion = ThresholdSweep.Run(input).Suggestion;

        // The mirror image of "> 98" for the rising ramp.
        Assert.Equal(2, suggestion.Threshold);
        Assert.True(Backtest.Run(input.WithThreshold(2)).Total.FiringShare <= 0.02);
    }

    [Fact]
    public void Rephrase_TheSentenceFollowsTheThreshold_TheSuggestionStays()
    {
        var input = Input(">", 50, 0, 0, 2 * Day, Minutes("a", 0, 2 * Day, m => 100.0 * m / (2 * Day)));
        var sweep = ThresholdSweep.Run(input);

        var moved = ThresholdSweep.Rephrase(sweep, input.Operator, 99.5, Backtest.Run(input.WithThreshold(99.5)).Total);

        Assert.Equal(98, moved.Suggestion.Threshold);
        Assert.Equal(-1.5, moved.Suggestion.Distance);
        Assert.StartsWith("At > 99.5 this rule would have fired 3.5 times a week (0.49% of the time), within", moved.Suggestion.Explanation);
        Assert.Contains("> 98 (1.5 lower) is the lowest threshold", moved.Suggestion.Explanation);
    }

    [Theory]
    [InlineData(0.8734, 2, true, 10, 0.88)]
    [InlineData(0.8734, 2, false, 10, 0.87)]
    [InlineData(1234.5, 2, true, 10_000, 1300)]
    [InlineData(1234.5, 3, false, 10_000, 1230)]
    [InlineData(0.001234, 2, true, 1, 0.0013)]
    [InlineData(-0.0567, 2, true, 1, -0.056)]
    [InlineData(1000.3, 2, true, 0.5, 1000.3)] // a metric between 1000.0 and 1000.5: 1100 would be off its scale
    [InlineData(97.98, 2, true, 100, 98)]
    [InlineData(0, 2, true, 1, 0)]
    public void Round_SignificantDigits_InTheStrictDirection_NeverCoarserThanTheSpread(double value, int digits, bool up, double spread, double expected) =>
        Assert.Equal(expected, Suggestion.Round(value, digits, up, spread));

    [Theory]
    [InlineData(">")]
    [InlineData(">=")]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData("==")]
    [InlineData("!=")]
    public void EveryOperator_Backtests_AndSweepsOrExplainsWhyNot(string op)
    {
        // up == 0: a target that was down for ten minutes.
        var input = Input(op, 0, 0, 0, 2 * Day, Minutes("a", 0, 2 * Day, m => m is >= 600 and < 610 ? 0 : 1));

        var result = Backtest.Run(input);
        var sweep = ThresholdSweep.Run(input);

        Assert.Equal(2 * Day * 60.0, result.Coverage.SecondsWithData);
        Assert.Equal(result.Total.AlertsPerWeek, sweep.Points.Single(p => p.Marks.HasFlag(SweepMarks.Current)).AlertsPerWeek, precision: 9);
        Assert.Equal(op is "==" or "!=", sweep.Unavailable is not null);
        if (op == "==")
        {
            Assert.Equal(1, result.Total.FiringEpisodes);
            Assert.Equal(3.5, result.Total.AlertsPerWeek, precision: 9);
        }
    }
}
