using System.Globalization;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using static Portal.Tests.Unit.Domain.Tuning.TuningTestData;

namespace Portal.Tests.Unit.Domain.Tuning;

public class ThresholdSweepTests
{
    /// <summary>A sawtooth: 0, 1, ..., 99 and again, ten times, one value a minute.</summary>
    private static BacktestSeries Ramp() =>
        new(LabelMap.Of(("instance", "ramp")), Enumerable.Range(0, 1000).Select(i => new Sample(i * Minute, i % 100)).ToList());

    /// <summary>
    /// Ten teeth of 100 minutes, tooth j rising from 0 to 99 × (j + 1): at a threshold between two peaks,
    /// only the higher teeth breach it (1,000 minutes, so one episode is 10.08 alerts a week). Mirrored
    /// (1,000 minus the value) for <c>&lt;</c>.
    /// </summary>
    private static BacktestSeries Teeth(bool mirrored = false) =>
        new(LabelMap.Of(("instance", "teeth")), Enumerable.Range(0, 1000)
            .Select(i => new Sample(i * Minute, mirrored ? 1000 - i % 100 * (1 + i / 100) : i % 100 * (1 + i / 100))).ToList());

    /// <summary>
    /// The noise-budget walk on these 1,000-minute series: the coverage limit (24 h) and the firing-time
    /// budget (2 %) are lifted, since the teeth fire about a fifth of the time; both have their own tests.
    /// </summary>
    private static readonly SweepOptions Budget51 = new() { Budget = 51, MinCoverage = TimeSpan.Zero, FiringBudget = 0.5 };

    [Fact]
    public void Run_OnARamp_AlertsAndFiringHoursNeverGrowAsAGreaterThanThresholdRises()
    {
        var points = ThresholdSweep.Run(Input(">", 50, 5, 0, 1000, Ramp())).Points;

        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].AlertsPerWeek <= points[i - 1].AlertsPerWeek, $"alerts grew at {points[i].Threshold}");
            Assert.True(points[i].FiringHours <= points[i - 1].FiringHours, $"firing grew at {points[i].Threshold}");
        }
        Assert.Equal(10, points[0].FiringEpisodes);
        Assert.Equal(0, points[^1].FiringEpisodes);
    }

    [Fact]
    public void Run_OnARamp_AlertsNeverGrowAsALessThanThresholdFalls()
    {
        var points = ThresholdSweep.Run(Input("<", 50, 5, 0, 1000, Ramp())).Points;

        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].AlertsPerWeek >= points[i - 1].AlertsPerWeek, $"alerts fell at {points[i].Threshold}");
        }
    }

    [Fact]
    public void Run_KeepFiringForBridgingTheDips_CanMakeAStricterThresholdNoisier()
    {
        // At > 0 every tooth's single 0 is bridged by keep_firing_for: one long episode. At > 2 the dips
        // are three evaluations long and every tooth is its own episode.
        var points = ThresholdSweep.Run(Input(">", 2, 0, 2, 1000, Ramp())).Points;

        Assert.Equal(1, points.First(p => p.Threshold == 0).FiringEpisodes);
        Assert.Equal(10, points.First(p => p.Threshold == 2).FiringEpisodes);
    }

    [Fact]
    public void Run_Thresholds_SpreadOverTheObservedRangeWithQuantilesAndTheCurrentOne()
    {
        var result = ThresholdSweep.Run(Input(">", 42.5, 0, 0, 1000, Ramp()));

        // 0 to 99 in steps of 0.5 (the first round step at least 99/199 wide), then the maximum.
        Assert.Equal(199, result.Points.Count(p => p.Marks.HasFlag(SweepMarks.Grid)));
        Assert.Equal(0, result.Points[0].Threshold);
        Assert.Equal(99, result.Points[^1].Threshold);
        Assert.True(result.Points[^1].Marks.HasFlag(SweepMarks.Max));
        Assert.Equal(42.5, Assert.Single(result.Points, p => p.Marks.HasFlag(SweepMarks.Current)).Threshold);
        Assert.Equal(new ValueQuantiles(1000, 0, 49.5, 89.1, 98.01, 99, 99), Round(result.Quantiles!));
        Assert.Single(result.Points, p => p.Marks.HasFlag(SweepMarks.P999));
    }

    [Fact]
    public void Run_ManyValuesWithAnOutlier_QuantilesMatchAFullSort()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 50_000).Select(_ => Math.Round(random.NextDouble() * 100, 3)).ToList();
        values[123] = 1e9;
        var series = new BacktestSeries(LabelMap.Of(("instance", "x")), values.Select((v, i) => new Sample(i * Minute, v)).ToList());

        var quantiles = ThresholdSweep.Run(Input(">", 50, 0, 0, values.Count, series)).Quantiles!;

        var sorted = values.Order().ToArray();
        double Expected(double q)
        {
            var position = q * (sorted.Length - 1);
            var lower = (int)Math.Floor(position);
            return sorted[lower] * (1 - (position - lower)) + sorted[Math.Min(lower + 1, sorted.Length - 1)] * (position - lower);
        }
        Assert.Equal(new ValueQuantiles(sorted.Length, sorted[0], Expected(0.5), Expected(0.9), Expected(0.99), Expected(0.999), 1e9), quantiles);
    }

    [Theory]
    [InlineData(">", 0, 0, 700)]
    [InlineData(">", 3, 2, 700)]
    [InlineData(">=", 4, 0, 640)]
    [InlineData("<", 2, 3, 700)]
    [InlineData("<=", 0, 5, 64)]
    [InlineData(">", 10, 1, 700)]
    [InlineData(">", 1, 20, 128)]
    public void Run_EveryPoint_EqualsTheStepByStepBacktestAtThatThreshold(string op, int forMinutes, int keepMinutes, int steps)
    {
        var random = new Random(forMinutes * 10 + keepMinutes);
        var series = Enumerable.Range(0, 4).Select(i => RandomSeries(random, steps, $"s{i}")).ToArray();
        var input = Input(op, 50, forMinutes, keepMinutes, steps, series);

        var sweep = ThresholdSweep.Run(input, new SweepOptions { GridPoints = 40 });

        foreach (var point in sweep.Points)
        {
            var total = Backtest.Run(input.WithThreshold(point.Threshold)).Total;
            Assert.Equal(total.FiringEpisodes, point.FiringEpisodes);
            Assert.Equal(total.TotalFiring.TotalHours, point.FiringHours, precision: 9);
            Assert.Equal(total.AlertsPerWeek, point.AlertsPerWeek, precision: 9);
        }
    }

    [Theory]
    [InlineData(">")]
    [InlineData("<")]
    public void Run_BreachUntilTheLastStepOfAWholeWord_EqualsTheStepByStepBacktest(string op)
    {
        // 128 evaluations fill two 64-bit words exactly; the last run is still open when the bits end.
        var values = string.Join(' ', Enumerable.Range(0, 128).Select(i => i >= 118 ? (op == ">" ? "90" : "10") : (i % 7 == 0 ? "60" : "50")));
        var input = Input(op, 50, 2, 1, 128, Series(values));

        foreach (var point in ThresholdSweep.Run(input, new SweepOptions { GridPoints = 20 }).Points)
        {
            var total = Backtest.Run(input.WithThreshold(point.Threshold)).Total;
            Assert.Equal((total.FiringEpisodes, total.TotalFiring.TotalHours), (point.FiringEpisodes, point.FiringHours));
        }
    }

    [Theory]
    [InlineData(">", double.PositiveInfinity)]
    [InlineData("<=", double.NegativeInfinity)]
    public void Run_InfiniteValuesAndCurrentThreshold_StillMatchTheStepByStepBacktest(string op, double current)
    {
        var random = new Random(3);
        var series = RandomSeries(random, 300, "x");
        var samples = series.Samples.Select((s, i) => i % 17 == 0 ? s with { Value = i % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity } : s);
        var input = Input(op, current, 2, 1, 300, series with { Samples = samples.ToList() });

        foreach (var point in ThresholdSweep.Run(input, new SweepOptions { GridPoints = 30 }).Points)
        {
            Assert.Equal(Backtest.Run(input.WithThreshold(point.Threshold)).Total.FiringEpisodes, point.FiringEpisodes);
        }
    }

    [Fact]
    public void Suggestion_GreaterThan_IsTheLowestThresholdFromWhichTheBudgetHolds()
    {
        var result = ThresholdSweep.Run(Input(">", 100, 0, 0, 1000, Teeth()), Budget51);

        var suggested = result.Suggestion.Threshold!.Value;
        // The loosest sweep point within budget is 495.x; rounded up to two digits and checked, 500.
        Assert.Equal(500, suggested);
        Assert.All(result.Points.Where(p => p.Threshold >= suggested), p => Assert.True(p.AlertsPerWeek <= 51));
        Assert.True(Backtest.Run(Input(">", suggested, 0, 0, 1000, Teeth())).Total.AlertsPerWeek <= 51);
        Assert.True(result.Points.Last(p => p.Threshold < 495).AlertsPerWeek > 51);
        Assert.Equal(suggested - 100, result.Suggestion.Distance);
    }

    [Fact]
    public void Suggestion_LessThan_IsTheHighestThresholdFromWhichTheBudgetHolds()
    {
        var result = ThresholdSweep.Run(Input("<", 900, 0, 0, 1000, Teeth(mirrored: true)), Budget51);

        var suggested = result.Suggestion.Threshold!.Value;
        Assert.Equal(500, suggested);
        Assert.All(result.Points.Where(p => p.Threshold <= suggested), p => Assert.True(p.AlertsPerWeek <= 51));
        Assert.True(result.Points.First(p => p.Threshold > 505).AlertsPerWeek > 51);
        Assert.True(result.Suggestion.Distance < 0);
        Assert.Contains("lower", result.Suggestion.Explanation);
    }

    [Fact]
    public void Suggestion_CurrentThresholdWithinBudget_SaysHowFarItCouldGo()
    {
        var suggestion = ThresholdSweep.Run(Input(">", 900, 0, 0, 1000, Teeth()), Budget51).Suggestion;

        Assert.Equal(10.08, suggestion.CurrentAlertsPerWeek, precision: 9);
        Assert.StartsWith("At > 900 this rule would have fired 10 times a week (", suggestion.Explanation);
        Assert.Contains(" of the time), within the configured budget of 51 a week and 50% of the time firing; > ", suggestion.Explanation);
        Assert.Contains("lower) is the lowest threshold that still stays within it: ", suggestion.Explanation);
    }

    [Theory]
    [InlineData("critical", 1, "critical")]
    [InlineData("warning", 5, "warning")]
    [InlineData("info", 5, "default")]
    [InlineData(null, 5, "default")]
    public void Suggestion_Budget_ComesFromTheSeverity(string? severity, double budget, string source)
    {
        var suggestion = ThresholdSweep.Run(Input(">", 50, 0, 0, 1000, Ramp()), new SweepOptions { Severity = severity }).Suggestion;

        Assert.Equal((budget, source), (suggestion.Budget, suggestion.BudgetSource));
    }

    [Fact]
    public void Suggestion_ConfiguredBudget_WinsOverTheSeverity() =>
        Assert.Equal(2, ThresholdSweep.Run(Input(">", 50, 0, 0, 1000, Ramp()), new SweepOptions { Severity = "critical", Budget = 2 }).Suggestion.Budget);

    [Fact]
    public void Suggestion_CurrentThresholdOverBudget_SaysHowFarToMove()
    {
        var suggestion = ThresholdSweep.Run(Input(">", 100, 0, 0, 1000, Teeth()), Budget51).Suggestion;

        Assert.Equal(90.72, suggestion.CurrentAlertsPerWeek, precision: 9);
        Assert.StartsWith("At > 100 this rule would have fired 91 times a week (", suggestion.Explanation);
        Assert.Contains(" of the time), over the configured budget of 51 a week and 50% of the time firing; > ", suggestion.Explanation);
        Assert.Contains("higher) would have fired 50 times a week (", suggestion.Explanation);
    }

    [Fact]
    public void Suggestion_NoThresholdMeetsTheBudget_SuggestsNone()
    {
        // >= the maximum still holds at every peak of the sawtooth.
        var suggestion = ThresholdSweep.Run(Input(">=", 50, 0, 0, 1000, Ramp()), new SweepOptions { Budget = 0.5, MinCoverage = TimeSpan.Zero }).Suggestion;

        Assert.Null(suggestion.Threshold);
        Assert.Equal(SuggestionWithheld.OverBudget, suggestion.Withheld);
        Assert.Contains("no threshold is suggested: even the strictest threshold", suggestion.Explanation);
    }

    [Fact]
    public void Run_NoSamples_GivesOnlyTheCurrentThresholdAndNoSuggestion()
    {
        var result = ThresholdSweep.Run(Input(">", 50, 0, 0, 10, Series("_ _ _")));

        Assert.Null(result.Quantiles);
        Assert.Equal(SweepMarks.Current, Assert.Single(result.Points).Marks);
        Assert.Null(result.Suggestion.Threshold);
    }

    // Was: the sweep threw on == and !=, and the tuning page crashed on `up == 0`. Now it answers with the
    // backtest at the rule's own value and says why there is no curve.
    [Theory]
    [InlineData("==")]
    [InlineData("!=")]
    public void Run_EqualityOperator_GivesTheRulesOwnPointAndExplainsWhyThereIsNoCurve(string op)
    {
        var input = Input(op, 50, 0, 0, 1000, Ramp());
        var result = ThresholdSweep.Run(input);

        var point = Assert.Single(result.Points);
        Assert.Equal(Backtest.Run(input).Total.FiringEpisodes, point.FiringEpisodes);
        Assert.Contains("no stricter or looser threshold", result.Unavailable);
        Assert.Null(result.Suggestion.Threshold);
        Assert.Equal(SuggestionWithheld.Operator, result.Suggestion.Withheld);
    }

    private static ValueQuantiles Round(ValueQuantiles q) => q with
    {
        P50 = Math.Round(q.P50, 6), P90 = Math.Round(q.P90, 6), P99 = Math.Round(q.P99, 6), P999 = Math.Round(q.P999, 6),
    };

    [Theory]
    [InlineData("0 0.05 0.2 0.3283 0.11", 200)]
    [InlineData("3.07 2.5 4.1 0.87 5.93", 200)]
    [InlineData("-40 12 977 3 0", 50)]
    [InlineData("0.000012 0.000019 0.0000137", 20)]
    public void GridPoints_AreValuesAPersonWouldWrite_EvenlySpaced(string values, int gridPoints)
    {
        var input = Input(">", 1, 0, 0, values.Split(' ').Length, Series(values));

        var grid = ThresholdSweep.Run(input, new SweepOptions { GridPoints = gridPoints }).Points
            .Where(p => p.Marks.HasFlag(SweepMarks.Grid) && !p.Marks.HasFlag(SweepMarks.Max)).Select(p => (decimal)p.Threshold).ToList();

        Assert.InRange(grid.Count, gridPoints / 3, gridPoints - 1);
        var step = grid[1] - grid[0];
        // The step is 1, 2, 2.5 or 5 times a power of ten, and every point a whole multiple of it.
        var mantissa = step / (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)step)));
        Assert.Contains(mantissa, new[] { 1m, 2m, 2.5m, 5m });
        Assert.All(grid.Zip(grid.Skip(1)), pair => Assert.Equal(step, pair.Second - pair.First));
        Assert.All(grid, t => Assert.Equal(decimal.Truncate(t / step), t / step));
    }
}
