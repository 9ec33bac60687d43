using Portal.Domain.PromQl;
using Portal.Domain.Tuning;
using static Portal.Tests.Unit.Domain.Tuning.TuningTestData;

namespace Portal.Tests.Unit.Domain.Tuning;

/// <summary>
/// Past <see cref="Backtest.ParallelFromSteps"/> the replay spreads series over threads; what it answers must be
/// exactly what one thread answers, episode for episode and statistic for statistic.
/// </summary>
public class BacktestParallelTests
{
    private const int Steps = 10_000;

    [Fact]
    public void Run_OnSeveralThreads_GivesTheSameResultAsOnOne()
    {
        var input = LargeInput(seriesCount: 121);
        Assert.True((long)input.Series.Count * Steps >= Backtest.ParallelFromSteps, "the input must be large enough to run in parallel");

        var single = Backtest.Run(input, maxWorkers: 1);
        var several = Backtest.Run(input, maxWorkers: 4);

        Assert.True(single.Total.FiringEpisodes > 0, "the workload must fire, or the comparison says little");
        Assert.Equal(single.Total, several.Total);
        Assert.Equal(single.Coverage, several.Coverage);
        Assert.Equal(single.Series.Count, several.Series.Count);
        for (var s = 0; s < single.Series.Count; s++)
        {
            Assert.Equal(single.Series[s].Labels, several.Series[s].Labels);
            Assert.Equal(single.Series[s].Episodes, several.Series[s].Episodes);
            Assert.Equal(single.Series[s].Statistics, several.Series[s].Statistics);
        }
    }

    [Fact]
    public void Run_OnSeveralThreads_ReportsTheFirstBadSeriesInOrder()
    {
        var input = LargeInput(seriesCount: 120);
        var series = input.Series.ToList();
        // Series 30 and 100 fall to different workers; both have a sample between evaluation times.
        series[30] = WithOffGridSample(series[30]);
        series[100] = WithOffGridSample(series[100]);
        var bad = input with { Series = series };

        var alone = Assert.Throws<ArgumentException>(() => Backtest.Run(bad, maxWorkers: 1));
        var spread = Assert.Throws<ArgumentException>(() => Backtest.Run(bad, maxWorkers: 4));

        Assert.Equal(alone.Message, spread.Message);
        Assert.Contains("host-030", spread.Message, StringComparison.Ordinal);
    }

    private static BacktestInput LargeInput(int seriesCount)
    {
        var random = new Random(7);
        var series = Enumerable.Range(0, seriesCount)
            .Select(i => RandomSeries(random, Steps, $"host-{i:D3}"))
            .ToList();
        return Input(">", 70, forMinutes: 3, keepMinutes: 5, Steps, [.. series]);
    }

    private static BacktestSeries WithOffGridSample(BacktestSeries series)
    {
        var samples = series.Samples.ToList();
        samples.Insert(1, new Sample(samples[0].TimestampMs + 1, 1));
        return series with { Samples = samples };
    }
}
