using System.Runtime.ExceptionServices;
using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// Replays an alerting rule over samples the way Prometheus 2.42 would have evaluated it: which series
/// went pending and firing when, and how noisy that would have been. Pure: it never fetches.
/// </summary>
public static class Backtest
{
    public static BacktestResult Run(BacktestInput input) => Run(input, Environment.ProcessorCount);

    /// <summary>The replay with at most <paramref name="maxWorkers"/> threads; the result never depends on it.</summary>
    internal static BacktestResult Run(BacktestInput input, int maxWorkers)
    {
        var grid = EvaluationGrid.From(input);
        var n = grid.Steps;
        var anyFiring = new bool[n];
        var covered = new bool[n];
        var timesToFire = new List<long>();
        var results = new SeriesBacktest[grid.SeriesCount];
        var episodesOf = new List<AlertEpisode>[grid.SeriesCount];
        var workers = Workers(grid, maxWorkers);
        if (workers == 1)
        {
            ReplaySeries(grid, 0, results.Length, episodesOf, anyFiring, covered);
        }
        else
        {
            // Series are independent; the shared step arrays are only ever set to true, so the order in which
            // workers write them does not change what they hold.
            // A bad series throws as it would alone: the first one in series order, not an AggregateException.
            var chunk = (results.Length + workers - 1) / workers;
            var errors = new ExceptionDispatchInfo?[workers];
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                try
                {
                    ReplaySeries(grid, w * chunk, Math.Min(results.Length, (w + 1) * chunk), episodesOf, anyFiring, covered);
                }
                catch (ArgumentException e)
                {
                    errors[w] = ExceptionDispatchInfo.Capture(e);
                }
            });
            Array.Find(errors, e => e is not null)?.Throw();
        }

        // The statistics divide by the covered time, which is known only once every series was read.
        grid.CoveredStepsFrom(covered);
        for (var s = 0; s < results.Length; s++)
        {
            var episodes = episodesOf[s];
            results[s] = new SeriesBacktest(grid.Labels[s], episodes, new EpisodeStates(episodes, grid.StartMs, grid.IntervalMs, n),
                Statistics.ForSeries(episodes, grid, timesToFire));
        }

        var stepsWithAnyFiring = anyFiring.AsSpan().Count(true);
        return new BacktestResult(grid.StartMs, input.Interval, n, results, Statistics.Total(results, stepsWithAnyFiring, timesToFire, grid), grid.Coverage);
    }

    /// <summary>
    /// Below about a million steps (a hundred series over a week) one core finishes in a few milliseconds and
    /// handing work to others costs more than it saves; above it, the replay is bound by reading samples, and a
    /// second core reading other series halves it.
    /// </summary>
    internal const long ParallelFromSteps = 1_000_000;

    private static int Workers(EvaluationGrid grid, int maxWorkers) =>
        (long)grid.SeriesCount * grid.Steps < ParallelFromSteps || grid.SeriesCount < 2
            ? 1
            : Math.Clamp(maxWorkers, 1, grid.SeriesCount);

    /// <summary>Replays series [from, to) with their own scratch arrays: the episodes of each, and which steps fired or had data.</summary>
    private static void ReplaySeries(EvaluationGrid grid, int from, int to, List<AlertEpisode>[] episodesOf, bool[] anyFiring, bool[] covered)
    {
        var n = grid.Steps;
        var holds = new bool[n];
        var values = new double[n];
        for (var s = from; s < to; s++)
        {
            Array.Clear(holds);
            Condition(grid, s, holds, values, covered);
            var episodes = episodesOf[s] = AlertStateMachine.Run(grid, holds, values);
            foreach (var episode in episodes)
            {
                if (episode.FiringSinceMs is { } firing)
                {
                    var start = (int)((firing - grid.StartMs) / grid.IntervalMs);
                    var end = episode.ResolvedAtMs is { } resolved ? (int)((resolved - grid.StartMs) / grid.IntervalMs) : n;
                    anyFiring.AsSpan(start, end - start).Fill(true);
                }
            }
        }
    }

    /// <summary>Spreads a series' samples onto the steps and marks where the condition held.</summary>
    private static void Condition(EvaluationGrid grid, int series, Span<bool> holds, Span<double> values, Span<bool> covered)
    {
        switch (grid.Operator)
        {
            case TokenKind.Gtr:
                var greater = new HoldingSink<Greater>(holds, values, covered, grid.Threshold);
                grid.Align(series, ref greater);
                break;
            case TokenKind.Gte:
                var greaterOrEqual = new HoldingSink<GreaterOrEqual>(holds, values, covered, grid.Threshold);
                grid.Align(series, ref greaterOrEqual);
                break;
            case TokenKind.Lss:
                var less = new HoldingSink<Less>(holds, values, covered, grid.Threshold);
                grid.Align(series, ref less);
                break;
            case TokenKind.Lte:
                var lessOrEqual = new HoldingSink<LessOrEqual>(holds, values, covered, grid.Threshold);
                grid.Align(series, ref lessOrEqual);
                break;
            default:
                var equality = new EqualityHoldingSink(holds, values, covered, grid.Operator, grid.Threshold);
                grid.Align(series, ref equality);
                break;
        }
    }
}
