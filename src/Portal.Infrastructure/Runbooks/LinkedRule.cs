namespace Portal.Infrastructure.Runbooks;

/// <summary>A rule that links to a runbook; the page adds its live state.</summary>
public sealed record LinkedRule(Guid RuleId, string Name, bool IsAlert, string Namespace, string Group, string Team);
