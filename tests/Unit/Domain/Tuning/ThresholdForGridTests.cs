using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using static Portal.Tests.Unit.Domain.Tuning.TuningTestData;

namespace Portal.Tests.Unit.Domain.Tuning;

/// <summary>Every cell of the threshold × <c>for</c> grid against <see cref="Backtest.Run"/> at that threshold and <c>for</c>.</summary>
public class ThresholdForGridTests
{
    private static readonly string[] Operators = [">", ">=", "<", "<=", "==", "!="];

    /// <summary>for values in minutes (the test data's step): 0, one step, between steps, and longer than most runs.</summary>
    private static readonly TimeSpan[] Fors =
        [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    public static TheoryData<string, int, int> RandomCases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var op in Operators)
        {
            foreach (var keep in new[] { 0, 1, 3, 10 })
            {
                foreach (var seed in new[] { 1, 2 })
                {
                    data.Add(op, keep, seed);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Run_RandomWalksWithGapsAndNaN_EveryCellEqualsTheBacktest(string op, int keepMinutes, int seed)
    {
        var random = new Random(seed * 31 + keepMinutes);
        var series = Enumerable.Range(0, 4).Select(i => RandomSeries(random, 400, $"s{i}")).ToArray();
        var input = Input(op, 50, 0, keepMinutes, 400, series);
        // Integer walks hit the thresholds exactly, which is where > and >= (and == and !=) differ.
        var thresholds = Enumerable.Range(0, 30).Select(i => i * 5.0).Append(47.5).Append(-1).ToArray();

        AssertEveryCell(input, thresholds);
    }

    [Theory]
    [InlineData(">", 0)]
    [InlineData(">", 2)]
    [InlineData("<=", 0)]
    [InlineData("<=", 4)]
    [InlineData("!=", 2)]
    [InlineData("==", 1)]
    public void Run_StructuredRunsAndGaps_EveryCellEqualsTheBacktest(string op, int keepMinutes)
    {
        // Runs of every length from 1 to 12 at rising heights, separated by gaps of 0 to 5 missed
        // evaluations: absent samples (_), NaN and values below; a run reaches the end of the range.
        var values = new List<string>();
        for (var length = 1; length <= 12; length++)
        {
            values.AddRange(Enumerable.Repeat((10 * length).ToString(System.Globalization.CultureInfo.InvariantCulture), length));
            values.AddRange(Enumerable.Repeat(length % 3 == 0 ? "_" : length % 3 == 1 ? "NaN" : "0", length % 6));
        }
        values.AddRange(Enumerable.Repeat("200", 7));
        var text = string.Join(' ', values);
        var input = Input(op, 0, 0, keepMinutes, values.Count, Series(text), Series(string.Join(' ', values.AsEnumerable().Reverse()), "b"));

        AssertEveryCell(input, [-1, 0, 5, 10, 15, 20, 60, 100, 120, 199, 200, 201]);
    }

    [Fact]
    public void Run_NoSamplesAtAll_EveryCellIsZeroWithoutDelay()
    {
        var input = Input(">", 1, 0, 0, 100, Series("_ _ _"));

        var grid = ThresholdForGrid.Run(input, [0, 1, 2]);

        Assert.All(grid.Rows.SelectMany(r => r), c => Assert.Equal(new GridCell(0, 0, 0, null), c));
        Assert.Equal(0, grid.Coverage.SecondsWithData);
    }

    [Fact]
    public void Run_AlwaysAbove_OneEpisodePerRowUntilForOutlastsTheRange()
    {
        var input = Input(">", 0, 0, 0, 10, Series("5 5 5 5 5 5 5 5 5 5"));

        var grid = ThresholdForGrid.Run(input, [0], [TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10)]);

        Assert.Equal(new GridCell(1, 1008, 10 / 60.0, TimeSpan.Zero), grid.Cell(0, 0));
        Assert.Equal(new GridCell(1, 1008, 1 / 60.0, TimeSpan.FromMinutes(9)), grid.Cell(1, 0));
        Assert.Equal(new GridCell(0, 0, 0, null), grid.Cell(2, 0));
    }

    [Fact]
    public void Run_ThresholdsAnyOrderWithDuplicates_AnswersThemDistinctAndAscending()
    {
        var input = Input(">", 0, 0, 0, 5, Series("1 2 3 4 5"));

        var grid = ThresholdForGrid.Run(input, [3, 1, 3, 2]);

        Assert.Equal([1.0, 2, 3], grid.Thresholds);
        Assert.Equal(ThresholdForGrid.DefaultFors, grid.Fors);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Run_ANonFiniteThreshold_IsRefused(double threshold)
    {
        var input = Input(">", 0, 0, 0, 5, Series("1 2 3 4 5"));

        var error = Assert.Throws<ArgumentException>(() => ThresholdForGrid.Run(input, [1, threshold]));

        Assert.Contains("finite", error.Message);
    }

    [Fact]
    public void Run_TooManyThresholdsOrFors_AreRefused()
    {
        var input = Input(">", 0, 0, 0, 5, Series("1 2 3 4 5"));

        Assert.Throws<ArgumentException>(() => ThresholdForGrid.Run(input, Enumerable.Range(0, 1001).Select(i => (double)i).ToArray()));
        Assert.Throws<ArgumentException>(() => ThresholdForGrid.Run(input, [1], Enumerable.Range(0, 13).Select(i => TimeSpan.FromMinutes(i)).ToArray()));
        Assert.Throws<ArgumentException>(() => ThresholdForGrid.Run(input, [1], []));
        Assert.Throws<ArgumentException>(() => ThresholdForGrid.Run(input, [1], [TimeSpan.FromTicks(1)]));
    }

    [Fact]
    public void Run_SecondsStepsAndAYoungRange_RatesAreDividedByTheCoveredTime()
    {
        // 20 minutes of data at 30 s in a 7-day range: one episode is 504 a week, as the backtest says.
        var samples = Enumerable.Range(0, 40).Select(i => new Sample(i * 30_000L, i is >= 10 and < 20 ? 9 : 1)).ToList();
        var input = new BacktestInput
        {
            Series = [new BacktestSeries(LabelMap.Of(("instance", "a")), samples)],
            Operator = Portal.Domain.PromQl.TokenKind.Gtr,
            Threshold = 5,
            Interval = TimeSpan.FromSeconds(30),
            StartMs = 0,
            EndMs = 7L * 24 * 3600 * 1000 - 30_000,
        };

        var grid = ThresholdForGrid.Run(input, [5]);

        Assert.Equal(504, grid.Cell(0, 0).AlertsPerWeek, 9);
        Assert.Equal(1200, grid.Coverage.SecondsWithData);
        Assert.Equal(TimeSpan.FromMinutes(2), grid.Cell(2, 0).MedianDelay);
        Assert.Equal(0, grid.Cell(4, 0).FiringEpisodes);
        AssertEveryCell(input, [0, 5, 8.99, 9]);
    }

    private static void AssertEveryCell(BacktestInput input, double[] thresholds)
    {
        var grid = ThresholdForGrid.Run(input, thresholds, Fors);

        Assert.Equal(thresholds.Distinct().Order(), grid.Thresholds);
        // A grid of zeros would agree with any engine: the data must make most rows fire somewhere.
        Assert.True(grid.Rows.Count(r => r.Any(c => c.FiringEpisodes > 0)) >= 3, "too few rows fire for the comparison to mean anything");
        for (var f = 0; f < Fors.Length; f++)
        {
            for (var t = 0; t < grid.Thresholds.Count; t++)
            {
                var expected = Backtest.Run(input.WithThreshold(grid.Thresholds[t]) with { For = Fors[f] }).Total;
                var cell = grid.Cell(f, t);
                var where = $"{input.Operator} {grid.Thresholds[t]} for {Fors[f]} keep {input.KeepFiringFor}";
                Assert.True(expected.FiringEpisodes == cell.FiringEpisodes, $"{where}: {cell.FiringEpisodes} episodes, the backtest {expected.FiringEpisodes}");
                Assert.True(expected.AlertsPerWeek == cell.AlertsPerWeek, $"{where}: {cell.AlertsPerWeek}/week, the backtest {expected.AlertsPerWeek}");
                Assert.True(Math.Abs(expected.TotalFiring.TotalHours - cell.FiringHours) < 1e-9, $"{where}: {cell.FiringHours} h, the backtest {expected.TotalFiring.TotalHours}");
                Assert.True(expected.MedianTimeToFire == cell.MedianDelay, $"{where}: delay {cell.MedianDelay}, the backtest {expected.MedianTimeToFire}");
            }
        }
    }
}
