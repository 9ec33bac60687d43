using BenchmarkDotNet.Attributes;
using Portal.Domain.PromQl;
using Portal.Domain.Queries;
using Portal.Domain.Tuning;
using Portal.Features.Tuning;
using Portal.Infrastructure.Tuning;

namespace Portal.Benchmarks.Tuning;

/// <summary>
/// Goal of issue 5: a threshold move to updated statistics, samples cached, ≤ 100 ms server side.
/// This is the work the tuning page does on the circuit when the slider moves: the backtest of every
/// series, the firing windows of the charted ones, the threshold lines and the sweep marks
/// (<see cref="TuningView.MoveThreshold"/>), over issue 5's workload of 100 series × 7 days at 30 s.
/// </summary>
[MemoryDiagnoser]
public class ThresholdMoveBenchmarks
{
    private TuningView _view = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        var input = BacktestWorkload.Input();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(input.StartMs);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(input.EndMs);
        var samples = new TuningSamples(new TuningRequest("bench_metric", start, end, input.Interval), new RangePlan(start, end, input.Interval),
            input.Series, input.Series.Count);
        var target = new TuningTarget("BenchHigh", "bench_metric", TokenKind.Gtr, BacktestWorkload.Threshold, input.For, input.KeepFiringFor,
            input.Interval, "warning", Guid.NewGuid());
        _view = new TuningView(target, samples, [BacktestWorkload.Threshold + 10], BacktestWorkload.Threshold);
        if (_view.ChartRanges.Count == 0)
        {
            throw new InvalidOperationException("the workload should make the charted series fire");
        }
    }

    /// <summary>Alternates between two thresholds so every call really changes the answer.</summary>
    [Benchmark]
    public int MoveThreshold()
    {
        _flip = !_flip;
        _view.MoveThreshold(_flip ? BacktestWorkload.Threshold + 1 : BacktestWorkload.Threshold);
        return _view.Result.Total.FiringEpisodes + _view.ChartRanges.Count;
    }
}
