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
        var sampleSteps = new int[n];
        var sampleValues = new double[n];
        var holds = new bool[n];
        var values = new double[n];
        var anyFiring = new bool[n];
        var timesToFire = new List<long>();
        var results = new SeriesBacktest[grid.SeriesCount];
        for (var s = 0; s < results.Length; s++)
        {
            Array.Clear(holds);
            var count = grid.Align(s, sampleSteps, sampleValues);
            Condition(grid.Operator, grid.Threshold, sampleSteps.AsSpan(0, count), sampleValues.AsSpan(0, count), holds, values);
            var states = new AlertState[n];
            var episodes = AlertStateMachine.Run(grid, holds, values, states);
            for (var i = 0; i < n; i++)
            {
                anyFiring[i] |= states[i] == AlertState.Firing;
            }

            results[s] = new SeriesBacktest(grid.Labels[s], episodes, states, Statistics.ForSeries(episodes, grid, timesToFire));
        }

        var stepsWithAnyFiring = 0;
        foreach (var firing in anyFiring)
        {
            stepsWithAnyFiring += firing ? 1 : 0;
        }

        return new BacktestResult(grid.StartMs, input.Interval, n, results, Statistics.Total(results, stepsWithAnyFiring, timesToFire, grid));
    }

    /// <summary>
    /// Marks where the condition held and spreads the samples onto the evaluation steps. One loop per
    /// operator keeps the comparison out of a per-sample switch.
    /// </summary>
    private static void Condition(TokenKind op, double threshold, ReadOnlySpan<int> steps, ReadOnlySpan<double> samples, Span<bool> holds, Span<double> values)
    {
        for (var j = 0; j < steps.Length; j++)
        {
            values[steps[j]] = samples[j];
        }

        switch (op)
        {
            case TokenKind.Gtr:
                for (var j = 0; j < steps.Length; j++) { holds[steps[j]] = samples[j] > threshold; }
                break;
            case TokenKind.Gte:
                for (var j = 0; j < steps.Length; j++) { holds[steps[j]] = samples[j] >= threshold; }
                break;
            case TokenKind.Lss:
                for (var j = 0; j < steps.Length; j++) { holds[steps[j]] = samples[j] < threshold; }
                break;
            case TokenKind.Lte:
                for (var j = 0; j < steps.Length; j++) { holds[steps[j]] = samples[j] <= threshold; }
                break;
            default:
                for (var j = 0; j < steps.Length; j++) { holds[steps[j]] = Comparisons.Holds(op, samples[j], threshold); }
                break;
        }
    }
}
