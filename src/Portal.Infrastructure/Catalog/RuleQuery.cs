using Portal.Domain.Catalog;
using Portal.Domain.Lint;

namespace Portal.Infrastructure.Catalog;

/// <summary>One page of the rules list; every filter is optional and they combine with AND.</summary>
public sealed record RuleQuery(
    string? Namespace = null,
    string? Group = null,
    string? Severity = null,
    RuleKind? Kind = null,
    string? Text = null,
    bool? HasFindings = null,
    RuleSort Sort = RuleSort.Position,
    bool Descending = false,
    int Skip = 0,
    int Take = 50)
{
    /// <summary>The owning team of the rule's namespace.</summary>
    public string? Team { get; init; }

    /// <summary>Rules with at least one lint finding of this severity (<c>error</c> or <c>warning</c>).</summary>
    public string? LintSeverity { get; init; }

    /// <summary>Only these rules (or, with <see cref="ExcludeIds"/>, all but these): how the live-state filter reaches the database.</summary>
    public IReadOnlyCollection<Guid>? Ids { get; init; }

    public bool ExcludeIds { get; init; }

    // Records compare collections by reference; a filter key must not change with a new but equal set.
    public override string ToString() =>
        $"{Namespace}|{Group}|{Severity}|{Kind}|{Text}|{HasFindings}|{Sort}|{Descending}|{Skip}|{Take}|{Team}|{LintSeverity}|{(ExcludeIds ? "-" : "+")}{Ids?.Count}";
}
