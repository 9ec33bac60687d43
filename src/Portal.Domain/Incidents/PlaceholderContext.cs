namespace Portal.Domain.Incidents;

/// <summary>Everything a template's placeholders can name (<see cref="Placeholders"/>).</summary>
public sealed record PlaceholderContext(
    AlertFacts? Alert,
    RuleFacts? Rule,
    string? RunbookUrl,
    string Severity,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ActionItem> Actions,
    DateTimeOffset Now);
