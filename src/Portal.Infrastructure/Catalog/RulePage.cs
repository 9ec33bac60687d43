using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>One page of rules and how many match; past <see cref="RuleStore.CountCap"/> the count stops early.</summary>
public sealed record RulePage(IReadOnlyList<RuleListItem> Items, int Total)
{
    /// <summary>
    /// True when counting stopped at its limit: at least <see cref="Total"/> rules match, and always more than the
    /// page asked for reaches, so "next page" keeps working (docs/decisions/0033-capped-rule-count.md).
    /// </summary>
    public bool TotalIsLowerBound { get; init; }
}
