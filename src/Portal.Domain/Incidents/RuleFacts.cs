namespace Portal.Domain.Incidents;

/// <summary>
/// The rule in force when an incident started, recorded with it so the writeup still says what the threshold was after
/// the rule has been tuned. <paramref name="Threshold"/> and <paramref name="Operator"/> are null when the expression
/// has no single threshold.
/// </summary>
public sealed record RuleFacts(
    Guid RuleId,
    int VersionNumber,
    string AlertName,
    string Expression,
    string? Query,
    string? Operator,
    double? Threshold,
    TimeSpan For,
    TimeSpan KeepFiringFor,
    TimeSpan EvaluationInterval,
    string Team,
    string? RunbookUrl);
