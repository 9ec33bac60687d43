namespace Portal.Infrastructure.Runbooks;

/// <summary>What a slug leads to: the runbook, the slug it was renamed to, or nothing (both null).</summary>
public sealed record RunbookLookup(RunbookDetail? Runbook, string? RedirectTo);
