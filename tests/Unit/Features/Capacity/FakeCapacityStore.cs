using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Capacity;

/// <summary>
/// Capacity models in memory. Writes answer what the test sets in <see cref="NextSave"/> (field errors, a conflict,
/// a refusal) or, by default, store the model with a new version; every call is recorded for the test to inspect.
/// </summary>
internal sealed class FakeCapacityStore : ICapacityStore
{
    private readonly Dictionary<Guid, CapacityModelRow> _models = [];

    public List<CapacityModelEdit> Saves { get; } = [];

    public List<(string Team, CapacityStarterSet Set)> StarterImports { get; } = [];

    public List<Guid> Drafts { get; } = [];

    public List<Guid> Deletes { get; } = [];

    /// <summary>The answer of the next save instead of storing it; consumed by that save.</summary>
    public StoreResult<CapacityModelRow>? NextSave { get; set; }

    public StoreResult<Guid>? NextDraft { get; set; }

    public StoreResult<int>? NextStarter { get; set; }

    public Guid DraftedRuleId { get; } = Guid.NewGuid();

    public CapacityModelRow Add(CapacityModelRow row)
    {
        _models[row.Id] = row;
        return row;
    }

    public Task<IReadOnlyList<CapacityModelRow>> ModelsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CapacityModelRow>>(_models.Values.ToList());

    public Task<CapacityModelRow?> ModelAsync(Guid id, CancellationToken ct) => Task.FromResult(_models.GetValueOrDefault(id));

    public Task<StoreResult<CapacityModelRow>> SaveModelAsync(CapacityModelEdit edit, Caller caller, CancellationToken ct)
    {
        Saves.Add(edit);
        if (NextSave is { } answer)
        {
            NextSave = null;
            return Task.FromResult(answer);
        }

        var id = edit.Id ?? Guid.NewGuid();
        var row = new CapacityModelRow(id, edit.Team, edit.Spec, edit.Version + 1, DateTimeOffset.UtcNow, caller.Name);
        _models[id] = row;
        return Task.FromResult(StoreResult<CapacityModelRow>.Ok(row));
    }

    public Task<StoreResult<bool>> DeleteModelAsync(Guid id, uint version, Caller caller, CancellationToken ct)
    {
        Deletes.Add(id);
        return Task.FromResult(_models.Remove(id) ? StoreResult<bool>.Ok(true) : StoreResult<bool>.NotFound("capacity model"));
    }

    public Task<StoreResult<IReadOnlyList<CapacityModelRow>>> ImportModelsAsync(IReadOnlyList<CapacityModelEdit> models, Caller caller, CancellationToken ct) =>
        throw new NotSupportedException("The pages import through ImportStarterAsync.");

    public Task<StoreResult<int>> ImportStarterAsync(string team, CapacityStarterSet set, Caller caller, CancellationToken ct)
    {
        StarterImports.Add((team, set));
        if (NextStarter is { } answer)
        {
            NextStarter = null;
            return Task.FromResult(answer);
        }

        return Task.FromResult(StoreResult<int>.Ok(set.Models.Count + set.Budgets.Count + set.Baselines.Count));
    }

    public Task<StoreResult<Guid>> DraftAlertAsync(Guid modelId, Caller caller, CancellationToken ct)
    {
        Drafts.Add(modelId);
        return Task.FromResult(NextDraft ?? StoreResult<Guid>.Ok(DraftedRuleId));
    }

    public Task<IReadOnlyList<MemoryBudgetRow>> BudgetsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<MemoryBudgetRow>>([]);

    public Task<StoreResult<MemoryBudgetRow>> SaveBudgetAsync(Guid? id, string team, MemoryBudgetSpec spec, uint version, Caller caller, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task<StoreResult<bool>> DeleteBudgetAsync(Guid id, uint version, Caller caller, CancellationToken ct) => throw new NotSupportedException();

    public Task<IReadOnlyList<ServiceBaselineRow>> BaselinesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ServiceBaselineRow>>([]);

    public Task<StoreResult<ServiceBaselineRow>> SaveBaselineAsync(Guid? id, string team, ServiceBaselineSpec spec, uint version, Caller caller, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task<StoreResult<bool>> DeleteBaselineAsync(Guid id, uint version, Caller caller, CancellationToken ct) => throw new NotSupportedException();

    public static StoreResult<CapacityModelRow> Invalid(params (string Field, string Message)[] errors) =>
        StoreResult<CapacityModelRow>.Invalid(errors.Select(e => new FieldError(e.Field, e.Message)).ToList());
}
