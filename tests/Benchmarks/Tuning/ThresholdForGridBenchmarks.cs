using BenchmarkDotNet.Attributes;
using Portal.Domain.Tuning;

namespace Portal.Benchmarks.Tuning;

/// <summary>
/// Goal of issue 14: the threshold × `for` grid, 6 `for` values × the sweep's 200 thresholds, for 100 series × 7 days
/// at 30 s steps ≤ 300 ms. The workload is issue 5's (rule with `keep_firing_for: 10m`); a second case
/// drops `keep_firing_for`, and the baseline runs one backtest per cell, which is what the grid replaces.
/// </summary>
[MemoryDiagnoser]
public class ThresholdForGridBenchmarks
{
    private BacktestInput _input = null!;
    private BacktestInput _withoutKeep = null!;
    private double[] _thresholds = [];

    [GlobalSetup]
    public void Setup()
    {
        _input = BacktestWorkload.Input();
        _withoutKeep = _input with { KeepFiringFor = TimeSpan.Zero };
        _thresholds = ThresholdSweep.Run(_input).Points.Where(p => p.Marks.HasFlag(SweepMarks.Grid)).Select(p => p.Threshold).ToArray();
        if (_thresholds.Length != 200)
        {
            throw new InvalidOperationException($"the sweep gave {_thresholds.Length} grid thresholds, not 200");
        }
    }

    [Benchmark]
    public int Grid6x200KeepFiringFor10m() => ThresholdForGrid.Run(_input, _thresholds).Rows[3][100].FiringEpisodes;

    [Benchmark]
    public int Grid6x200WithoutKeepFiringFor() => ThresholdForGrid.Run(_withoutKeep, _thresholds).Rows[3][100].FiringEpisodes;

    /// <summary>One column of backtests (6 of the 1,200 cells), to scale up: the grid's alternative.</summary>
    [Benchmark]
    public int SixBacktestsOneThreshold() => ThresholdForGrid.DefaultFors.Sum(f => Backtest.Run(_input.WithThreshold(_thresholds[100]) with { For = f }).Total.FiringEpisodes);
}
