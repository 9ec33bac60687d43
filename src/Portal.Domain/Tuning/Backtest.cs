using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// Replays an alerting rule over samples the way Prometheus 2.42 would have evaluated it: which series
/// went pending and firing when, and how noisy that would have been. Pure: it never fetches.
/// </summary>
public static class Backtest
{
    public static BacktestResult Run(BacktestInput input)
    {
        var grid = EvaluationGrid.From(input);
        var n = grid.Steps;
        var holds = new bool[n];
        var values = new double[n];
        var anyFiring = new bool[n];
        var covered = new bool[n];
        var timesToFire = new List<long>();
        var results = new SeriesBacktest[grid.SeriesCount];
        var episodesOf = new List<AlertEpisode>[grid.SeriesCount];
        for (var s = 0; s < results.Length; s++)
        {
            Array.Clear(holds);
            Condition(grid, s, holds, values, covered);
            var episodes = episodesOf[s] = AlertStateMachine.Run(grid, holds, values);
            foreach (var episode in episodes)
            {
                if (episode.FiringSinceMs is { } firing)
                {
                    var from = (int)((firing - grid.StartMs) / grid.IntervalMs);
                    var to = episode.ResolvedAtMs is { } resolved ? (int)((resolved - grid.StartMs) / grid.IntervalMs) : n;
                    anyFiring.AsSpan(from, to - from).Fill(true);
                }
            }
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
