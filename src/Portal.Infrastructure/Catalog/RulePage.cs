using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>One page of rules and how many match; past <see cref="CountCap"/> the count stops early.</summary>
public sealed record RulePage(IReadOnlyList<RuleListItem> Items, int Total)
{
    /// <summary>How many matching rules the list counts exactly; beyond it the total is a lower bound.</summary>
    public const int CountCap = 10_000;

    /// <summary>
    /// How many rows to count at most: one past the cap, or one past the page when the page lies beyond the cap, so that
    /// a count that reaches the limit always says "another page exists".
    /// </summary>
    public static int CountLimit(int skip, int take, int cap = CountCap) =>
        (int)Math.Min(int.MaxValue - 1L, Math.Max(cap, (long)Math.Max(0, skip) + Math.Max(0, take))) + 1;

    /// <summary>
    /// True when counting stopped at its limit: at least <see cref="Total"/> rules match, and always more than the
    /// page asked for reaches, so "next page" keeps working (docs/decisions/0033-capped-rule-count.md).
    /// </summary>
    public bool TotalIsLowerBound { get; init; }
}
