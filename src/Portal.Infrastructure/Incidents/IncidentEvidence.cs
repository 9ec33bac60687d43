using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// What the portal knows about an incident's alert when it starts: the rule in force, the alert, the firing and resolving
/// of related alerts from <c>ALERTS</c>, and a chart snapshot. A part Prometheus could not give is null and its reason is
/// in <see cref="Problems"/>: starting an incident never fails because Prometheus is down.
/// </summary>
public sealed record IncidentEvidence(
    RuleFacts? Rule,
    AlertFacts? Alert,
    IReadOnlyList<TimelineEntry> AlertTimeline,
    ChartSnapshot? Chart,
    IReadOnlyList<string> Problems)
{
    public static IncidentEvidence None { get; } = new(null, null, [], null, []);
}
