using Portal.Domain.Access;
using Portal.Domain.Lint;

namespace Portal.Infrastructure.Catalog;

/// <summary>
/// The lifecycle of namespaces (rename, hand to another team, archive, delete) and of deleted rules (the
/// trash and restoring from it). Like every catalog write, each method checks the caller's rights (those of
/// editing the rules of the owning team) and writes an audit row; nothing here removes a row.
/// </summary>
public interface ICatalogLifecycle
{
    /// <summary>Applies the parts of <paramref name="change"/> that are set; an archived namespace is read-only and not published.</summary>
    Task<StoreResult<NamespaceSummary>> ChangeNamespaceAsync(string name, NamespaceChange change, Caller caller, CancellationToken ct);

    /// <summary>
    /// Deletes the namespace when <paramref name="confirm"/> is its name: it disappears from the catalog and from
    /// the next publish, its name is free at once, and its rules and their history stay in the database.
    /// </summary>
    Task<StoreResult<bool>> DeleteNamespaceAsync(string name, string? confirm, Caller caller, CancellationToken ct);

    /// <summary>The deleted rules of a namespace, most recently deleted first; null when there is no such namespace.</summary>
    Task<IReadOnlyList<TrashedRule>?> TrashAsync(string @namespace, CancellationToken ct);

    /// <summary>A rule that is deleted, or whose namespace is; null when it is live or was never there.</summary>
    Task<TrashedRule?> DeletedRuleAsync(Guid id, CancellationToken ct);

    /// <summary>Brings a deleted rule back at the end of its group, as a new version with the content it had.</summary>
    Task<StoreResult<RuleDetail>> RestoreDeletedAsync(Guid id, Caller caller, CancellationToken ct);
}
