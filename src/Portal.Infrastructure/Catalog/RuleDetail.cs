using Portal.Domain.Catalog;
using Portal.Domain.Lint;

namespace Portal.Infrastructure.Catalog;

public sealed record RuleDetail(
    Guid Id,
    Guid GroupId,
    string Namespace,
    string Group,
    int Position,
    RuleContent Content,
    IReadOnlyList<LintFinding> Findings,
    int VersionNumber,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    uint Version)
{
    /// <summary>The team owning the rule's namespace: its Editors (and Admins) may change the rule.</summary>
    public string Team { get; init; } = "";

    /// <summary>The rule's namespace is archived: the rule is read-only and not published.</summary>
    public bool Archived { get; init; }
}
