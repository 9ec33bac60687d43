namespace Portal.Domain.Incidents;

/// <summary>An incident as it is exported and printed: everything the Markdown export writes.</summary>
public sealed record IncidentDocument(
    string Title,
    IncidentStatus Status,
    string Severity,
    string? Team,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    string Body,
    RuleFacts? Rule,
    AlertFacts? Alert,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ActionItem> Actions,
    ResponseTimes Times,
    ChartSnapshot? Chart)
{
    /// <summary>The incident's number, written as <c>INC-42</c> in the title; null when it has none yet.</summary>
    public long? Number { get; init; }
}
