using Portal.Domain.Tuning;

namespace Portal.Domain.Incidents;

/// <summary>
/// Backtests the rule in force over an incident's window at other thresholds and <c>for</c> values, and prices each
/// alternative by the extra alerts it would have raised over a longer history.
/// </summary>
public static class EarlierDetection
{
    /// <param name="window">The rule's series over the incident window, with the rule in force (its threshold, for, interval).</param>
    /// <param name="history">The same query over the history used for the cost (e.g. the last 30 days), same settings.</param>
    /// <param name="thresholds">Alternative thresholds to try; <paramref name="fors"/> alternative <c>for</c> values.</param>
    public static EarlierDetectionReport Evaluate(
        BacktestInput window,
        BacktestInput history,
        IReadOnlyList<double> thresholds,
        IReadOnlyList<TimeSpan> fors) => throw new NotImplementedException();
}
