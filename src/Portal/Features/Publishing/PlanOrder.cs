using Portal.Domain.Publishing;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Publishing;

/// <param name="Status">One status of the plan.</param>
/// <param name="Count">How many namespaces of the whole plan have it (the search does not change it).</param>
public sealed record StatusCount(NamespaceStatus Status, int Count);

/// <summary>A plan's namespaces as the Publish page lays them out.</summary>
/// <param name="First">What needs a look, first: held back, awaiting review, then changed, added and removed.</param>
/// <param name="Unchanged">Namespaces the release leaves as they are: collapsed behind "N unchanged".</param>
/// <param name="NotInRelease">Other teams' changes this release does not take: collapsed in a section of their own.</param>
/// <param name="Counts">Per status, in the order of <see cref="PlanOrder.Rank"/>, only statuses that occur.</param>
/// <param name="Hidden">Namespaces the search or the status filter leaves out.</param>
public sealed record PlanLayout(
    IReadOnlyList<NamespacePlan> First,
    IReadOnlyList<NamespacePlan> Unchanged,
    IReadOnlyList<NamespacePlan> NotInRelease,
    IReadOnlyList<StatusCount> Counts,
    int Hidden);

/// <summary>
/// Orders and groups a plan's namespaces: with hundreds of them the few that need attention or change must come
/// first, and the many unchanged ones must not bury them. Pure, so the order is tested without rendering.
/// </summary>
public static class PlanOrder
{
    /// <summary>
    /// Held back and awaiting review first (nothing of theirs goes out), then what the release changes, then what
    /// it leaves alone. Statuses this page does not know yet rank with the held-back ones, so they are never buried.
    /// </summary>
    public static int Rank(NamespaceStatus status) => status switch
    {
        NamespaceStatus.AwaitingReview => 1,
        NamespaceStatus.Changed => 2,
        NamespaceStatus.Added => 3,
        NamespaceStatus.Removed => 4,
        NamespaceStatus.Unchanged => 5,
        NamespaceStatus.NotInRelease => 6,
        _ => 0,
    };

    /// <param name="search">Words that must each appear in the namespace, its file or its team (any case); blank: all.</param>
    /// <param name="status">Only this status, when set (a count chip was chosen).</param>
    public static PlanLayout Arrange(IEnumerable<NamespacePlan> namespaces, string? search = null, NamespaceStatus? status = null)
    {
        var all = namespaces.ToList();
        var counts = all.GroupBy(n => n.Status)
            .Select(g => new StatusCount(g.Key, g.Count()))
            .OrderBy(c => Rank(c.Status)).ThenBy(c => c.Status)
            .ToList();
        var words = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shown = all
            .Where(n => status is null || n.Status == status)
            .Where(n => words.All(w => Matches(n, w)))
            .OrderBy(n => Rank(n.Status)).ThenBy(n => n.Status).ThenBy(n => n.Namespace, StringComparer.Ordinal)
            .ToList();
        return new PlanLayout(
            shown.Where(n => n.Status is not (NamespaceStatus.Unchanged or NamespaceStatus.NotInRelease)).ToList(),
            shown.Where(n => n.Status == NamespaceStatus.Unchanged).ToList(),
            shown.Where(n => n.Status == NamespaceStatus.NotInRelease).ToList(),
            counts,
            all.Count - shown.Count);
    }

    private static bool Matches(NamespacePlan plan, string word) =>
        plan.Namespace.Contains(word, StringComparison.OrdinalIgnoreCase)
        || plan.FileName.Contains(word, StringComparison.OrdinalIgnoreCase)
        || (plan.Team?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false);
}
