using Portal.Domain.Access;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Capacity;

/// <summary>
/// Capacity models, memory budgets and service baselines in PostgreSQL. Everyone reads; Editors of the owning team
/// (and Admins) write, and a refusal is audited. Edits carry the version they started from and fail with a conflict
/// instead of overwriting.
/// </summary>
public interface ICapacityStore
{
    Task<IReadOnlyList<CapacityModelRow>> ModelsAsync(CancellationToken ct);

    Task<CapacityModelRow?> ModelAsync(Guid id, CancellationToken ct);

    Task<StoreResult<CapacityModelRow>> SaveModelAsync(CapacityModelEdit edit, Caller caller, CancellationToken ct);

    Task<StoreResult<bool>> DeleteModelAsync(Guid id, uint version, Caller caller, CancellationToken ct);

    /// <summary>Creates several models in one transaction (the starter set): all of them or none.</summary>
    Task<StoreResult<IReadOnlyList<CapacityModelRow>>> ImportModelsAsync(IReadOnlyList<CapacityModelEdit> models, Caller caller, CancellationToken ct);

    /// <summary>Creates the starter set's models, budgets and baselines for <paramref name="team"/> in one transaction: all or none.</summary>
    Task<StoreResult<int>> ImportStarterAsync(string team, Portal.Domain.Capacity.CapacityStarterSet set, Caller caller, CancellationToken ct);

    /// <summary>
    /// "Alert on this": a disabled alerting rule in the catalog (<c>usage / limit &gt; warning</c> for 10m, labels and
    /// annotations filled, the model's runbook linked), in a group of the model's team. Returns the new rule's id.
    /// </summary>
    Task<StoreResult<Guid>> DraftAlertAsync(Guid modelId, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<MemoryBudgetRow>> BudgetsAsync(CancellationToken ct);

    Task<StoreResult<MemoryBudgetRow>> SaveBudgetAsync(Guid? id, string team, Portal.Domain.Capacity.MemoryBudgetSpec spec, uint version, Caller caller, CancellationToken ct);

    Task<StoreResult<bool>> DeleteBudgetAsync(Guid id, uint version, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<ServiceBaselineRow>> BaselinesAsync(CancellationToken ct);

    Task<StoreResult<ServiceBaselineRow>> SaveBaselineAsync(Guid? id, string team, Portal.Domain.Capacity.ServiceBaselineSpec spec, uint version, Caller caller, CancellationToken ct);

    Task<StoreResult<bool>> DeleteBaselineAsync(Guid id, uint version, Caller caller, CancellationToken ct);
}
