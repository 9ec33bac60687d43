using Portal.Domain.Access;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>
/// The rule catalog in PostgreSQL. Pages and API endpoints call this, never EF Core. Every write
/// takes the caller, asks the access policy (Editors of the owning team, or an Admin) and checks its input itself; edits carry the version they started from and
/// fail with a conflict instead of overwriting someone else's change.
/// </summary>
public interface IRuleStore
{
    Task<IReadOnlyList<NamespaceSummary>> NamespacesAsync(CancellationToken ct);

    Task<NamespaceDetail?> NamespaceAsync(string name, CancellationToken ct);

    /// <summary>Every group with its namespace and owning team, by namespace and position, in one query: what the rule editor offers to add a rule to.</summary>
    Task<IReadOnlyList<GroupChoice>> GroupChoicesAsync(CancellationToken ct);

    Task<StoreResult<NamespaceSummary>> CreateNamespaceAsync(string name, string team, Caller caller, CancellationToken ct);

    Task<StoreResult<GroupSummary>> SaveGroupAsync(GroupEdit edit, Caller caller, CancellationToken ct);

    Task<RulePage> ListAsync(RuleQuery query, CancellationToken ct);

    Task<RuleDetail?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>Creates (<see cref="RuleEdit.Id"/> null) or updates a rule; a save that changes nothing writes nothing.</summary>
    Task<StoreResult<RuleDetail>> SaveAsync(RuleEdit edit, Caller caller, CancellationToken ct);

    Task<StoreResult<bool>> DeleteAsync(Guid id, uint version, Caller caller, CancellationToken ct);

    /// <summary>Moves a rule to another group (of any namespace) at a position, or reorders it in its own.</summary>
    Task<StoreResult<RuleDetail>> MoveAsync(Guid id, uint version, Guid groupId, int position, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<RuleVersionInfo>> HistoryAsync(Guid ruleId, CancellationToken ct);

    /// <summary>Makes the content of an old version current again, as a new version.</summary>
    Task<StoreResult<RuleDetail>> RestoreAsync(Guid ruleId, int number, uint version, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<ThresholdChange>> ThresholdHistoryAsync(Guid ruleId, CancellationToken ct);

    /// <summary>What importing the text into the namespace would do, per item; writes nothing.</summary>
    Task<ImportPlan> PlanImportAsync(ImportRequest request, CancellationToken ct);

    /// <summary>The plan as this caller's import would carry it out: what their access refuses is said per item (no audit row; previews are free).</summary>
    Task<ImportPlan> PlanImportAsync(ImportRequest request, Domain.Access.Caller caller, CancellationToken ct) => PlanImportAsync(request, ct);

    /// <summary>Applies the plan of the same request in one transaction: all of it or nothing.</summary>
    Task<StoreResult<ImportPlan>> ImportAsync(ImportRequest request, Caller caller, CancellationToken ct);

    /// <summary>The rule file of one namespace (or of all when null), enabled rules only, as Prometheus will load it.</summary>
    Task<IReadOnlyList<NamespaceExport>> ExportAsync(string? @namespace, CancellationToken ct);
}
