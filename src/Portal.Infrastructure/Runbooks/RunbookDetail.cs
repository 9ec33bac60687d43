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
    public DateTimeOffset? ReviewDue(DateTimeOffset createdOrReviewed) =>
        ReviewIntervalDays is { } days ? (LastReviewedAt ?? createdOrReviewed).AddDays(days) : null;
}
