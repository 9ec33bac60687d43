namespace Portal.Domain.Live;

/// <summary>
/// One alert (a pending or firing series) as the Alerts page shows it: the targets of an HA pair that
/// report the same series are one entry, with the state of the one furthest along.
/// </summary>
/// <param name="RuleId">The portal rule, or null for a rule the portal does not manage (or no longer stores).</param>
/// <param name="Namespace">The portal namespace; for unmanaged rules, the file the target loaded.</param>
/// <param name="Runbook">An http(s) runbook address from the alert's annotations or the stored rule; nothing else is linked.</param>
public sealed record AlertEntry(
    Guid? RuleId,
    string Namespace,
    string Group,
    string AlertName,
    string? Team,
    string? Severity,
    LiveState State,
    DateTimeOffset? Since,
    double Value,
    IReadOnlyDictionary<string, string> Labels,
    string? Summary,
    string? Runbook,
    IReadOnlyList<string> Targets)
{
    public bool Managed => RuleId is not null;
}
