namespace Portal.Infrastructure.Runbooks;

public sealed record RunbookRevisionInfo(int Number, DateTimeOffset At, string By, string? Reason, string Title, string Slug);
