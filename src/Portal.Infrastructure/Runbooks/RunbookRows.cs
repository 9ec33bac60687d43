namespace Portal.Infrastructure.Runbooks;

// Persistence shapes of runbooks. Only RunbookStore touches them; pages see the records of IRunbookStore.

internal sealed class RunbookRow
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string[] Tags { get; set; } = [];
    public string Team { get; set; } = "";
    public string Body { get; set; } = "";
    public int? ReviewIntervalDays { get; set; }
    public DateTimeOffset? LastReviewedAt { get; set; }
    public string? LastReviewedBy { get; set; }

    /// <summary>The number of the newest revision: the one this row's content equals.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>Deleted: gone from lists, search and its slugs; the row and its revisions stay.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public uint Version { get; set; }

    public bool SameContent(string slug, string title, IReadOnlyList<string> tags, string team, string body) =>
        Slug == slug && Title == title && Tags.SequenceEqual(tags, StringComparer.Ordinal) && Team == team && Body == body;
}

internal sealed class RunbookRevisionRow
{
    public long Id { get; set; }
    public Guid RunbookId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string[] Tags { get; set; } = [];
    public string Team { get; set; } = "";
    public string Body { get; set; } = "";
}

/// <summary>A slug a runbook was renamed away from, still leading to it.</summary>
internal sealed class RunbookRedirectRow
{
    public string Slug { get; set; } = "";
    public Guid RunbookId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RunbookTemplateRow
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
