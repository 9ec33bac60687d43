namespace Portal.Infrastructure.Runbooks;

public sealed record RunbookDetail(
    Guid Id,
    string Slug,
    string Title,
    IReadOnlyList<string> Tags,
    string Team,
    string Body,
    int? ReviewIntervalDays,
    DateTimeOffset? LastReviewedAt,
    string? LastReviewedBy,
    int Revision,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    uint Version)
{
    /// <summary>When the runbook was created: where its review interval starts until its first review.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReviewDue(DateTimeOffset createdOrReviewed) =>
        ReviewIntervalDays is { } days ? (LastReviewedAt ?? createdOrReviewed).AddDays(days) : null;
}
