namespace Portal.Domain.Incidents;

/// <summary>
/// "Would a better threshold have caught it earlier?" for one resolved incident: when the rule in force first fired in
/// the window, the best alternatives (earliest first, cheapest among equals), and the reason when there is no answer.
/// </summary>
public sealed record EarlierDetectionReport(
    DateTimeOffset? FiredAt,
    IReadOnlyList<EarlierDetectionOption> Options,
    string? Problem,
    TimeSpan HistoryLookedAt)
{
    public static EarlierDetectionReport Unanswered(string problem) => new(null, [], problem, TimeSpan.Zero);
}
