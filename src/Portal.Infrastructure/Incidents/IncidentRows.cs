namespace Portal.Infrastructure.Incidents;

// Persistence shapes of incidents. Only IncidentStore touches them; pages and the API see the records of IIncidentStore.
// The rule and alert facts and the chart snapshot are written once, when the incident starts, and always read whole with
// it, so they are jsonb columns; the timeline and action items grow one by one and are child tables.

internal sealed class IncidentRow
{
    public Guid Id { get; set; }

    /// <summary>INC-&lt;number&gt;: an identity, so two incidents started at once never share one.</summary>
    public long Number { get; set; }

    public string Title { get; set; } = "";
    public string Status { get; set; } = "";
    public string Severity { get; set; } = "";
    public string? Team { get; set; }
    public string TemplateKey { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The alert's name, a column of its own for the list (the alert facts are jsonb).</summary>
    public string? AlertName { get; set; }

    public string? RuleFacts { get; set; }
    public string? AlertFacts { get; set; }
    public string? Chart { get; set; }

    /// <summary>The number of the newest revision: the one this row's header and writeup equal.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}

internal sealed class IncidentRevisionRow
{
    public long Id { get; set; }
    public Guid IncidentId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
    public string Title { get; set; } = "";
    public string Status { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Body { get; set; } = "";
}

internal sealed class TimelineEntryRow
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    public bool Automatic { get; set; }
    public string? By { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// An automatic timeline entry someone removed, kept so that reading <c>ALERTS</c> again does not bring it back. A table
/// of its own: removing an entry is not an edit of the incident's header, whose version a writeup being typed elsewhere
/// carries.
/// </summary>
internal sealed class DismissedAlertRow
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset DismissedAt { get; set; }
}

internal sealed class ActionItemRow
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public string Text { get; set; } = "";
    public string? Owner { get; set; }
    public DateOnly? Due { get; set; }
    public string Status { get; set; } = "";

    /// <summary>Open or in progress: what the partial index of open items by due date holds.</summary>
    public bool IsOpen { get; set; }

    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

internal sealed class SeverityLevelRow
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public long ExpectedResponseSeconds { get; set; }
    public string[] LabelValues { get; set; } = [];
    public int Rank { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

internal sealed class IncidentTemplateRow
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
