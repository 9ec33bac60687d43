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

    /// <summary>The runbook the rule links to (publishing makes it the rule's <c>runbook_url</c>).</summary>
    public Guid? RunbookId { get; init; }

    /// <summary>The linked runbook's slug, where the reader loaded it (<see cref="IRuleStore.GetAsync"/>).</summary>
    public string? RunbookSlug { get; init; }

    /// <summary>The rule's namespace is archived: the rule is read-only and not published.</summary>
    public bool Archived { get; init; }
}
