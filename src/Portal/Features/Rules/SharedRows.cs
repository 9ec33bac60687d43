using Portal.Components.Shared;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// What the rules page shows in many circuits at once, held once: a row's HTML (some 3 KB each, the default first
/// page is open in most on-call tabs), the namespace list (230 summaries at 2,000 rules) and the page's items.
/// </summary>
internal static class SharedRows
{
    private static readonly WeakPool<string> Rows = new(4096, StringComparer.Ordinal);

    private static readonly WeakPool<IReadOnlyList<NamespaceSummary>> NamespaceLists = new(64, ItemwiseComparer<NamespaceSummary>.Instance);

    private static readonly WeakPool<IReadOnlyList<RuleListItem>> ItemLists = new(256, ItemwiseComparer<RuleListItem>.Instance);

    public static string Share(string row) => Rows.Share(row);

    public static IReadOnlyList<NamespaceSummary> Share(IReadOnlyList<NamespaceSummary> namespaces) => NamespaceLists.Share(namespaces);

    public static RulePage Share(RulePage page) => page with { Items = ItemLists.Share(page.Items) };
}
