namespace Portal.Domain.Runbooks;

/// <summary>The last check of an external runbook URL: whether it answered (any status below 400), and what it said.</summary>
public sealed record LinkCheck(string Url, bool Answered, int? Status, string? Error, DateTimeOffset CheckedAt);
