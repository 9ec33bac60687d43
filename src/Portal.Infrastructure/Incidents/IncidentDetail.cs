using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// An incident with everything it holds. <see cref="Rule"/> is the rule as it was when the incident started (version and
/// threshold in force), not as it is now. <see cref="Version"/> is the concurrency token (<c>xmin</c>) edits carry back.
/// </summary>
public sealed record IncidentDetail(
    Guid Id,
    long Number,
    string Title,
    IncidentStatus Status,
    string Severity,
    string? Team,
    string TemplateKey,
    string Body,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    RuleFacts? Rule,
    AlertFacts? Alert,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ActionItem> Actions,
    ChartSnapshot? Chart,
    int Revision,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    uint Version)
{
    /// <summary>
    /// Set only on the answer to <see cref="IIncidentStore.StartAsync"/>: what the evidence could not gather (Prometheus
    /// down, a timeout), said to the person who started the incident as a notice. The audit row keeps them too.
    /// </summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The incident as the Markdown export and the print page write it, timed against its severity level.</summary>
    public IncidentDocument ToDocument(IReadOnlyList<SeverityLevel> levels) =>
        new(Title, Status, Severity, Team, StartedAt, ResolvedAt, Body, Rule, Alert, Timeline, Actions,
            IncidentClock.Measure(StartedAt, Timeline, levels.FirstOrDefault(l => l.Name == Severity)), Chart)
        {
            Number = Number,
        };
}
