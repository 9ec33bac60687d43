namespace Portal.Infrastructure.Runbooks;

public sealed record RunbookSummary(
    string Slug,
    string Title,
    IReadOnlyList<string> Tags,
    string Team,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    /// <summary>When the next review is due (last review, or creation, plus the interval); null without an interval.</summary>
    DateTimeOffset? ReviewDue,
    int LinkedRules);
