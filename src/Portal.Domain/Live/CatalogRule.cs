using Portal.Domain.Lint;

namespace Portal.Domain.Live;

/// <summary>A stored rule, as much of it as live views need.</summary>
public sealed record CatalogRule(
    Guid Id,
    string Namespace,
    string Group,
    string Name,
    RuleKind Kind,
    string Team,
    string? Severity,
    string? Runbook,
    bool Enabled);
