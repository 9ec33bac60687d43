namespace Portal.Domain.Runbooks;

public sealed record RunbookReviewRef(string Slug, string Title, string Team, DateTimeOffset? ReviewDue);
