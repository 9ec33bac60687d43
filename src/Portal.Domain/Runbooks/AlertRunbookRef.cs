namespace Portal.Domain.Runbooks;

/// <summary>An alerting rule as runbook health sees it: its <c>runbook_url</c> annotation and the runbook it links to, if any.</summary>
public sealed record AlertRunbookRef(Guid RuleId, string Name, string Namespace, string Team, string? RunbookUrl, string? LinkedSlug);
