using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>An in-memory <see cref="ICatalogLifecycle"/> for component tests: a log of what pages asked for, and the answers they get.</summary>
internal sealed class FakeCatalogLifecycle : ICatalogLifecycle
{
    /// <summary>Deleted rules by id, with what a restore of each answers (null: restored as <see cref="RestoredAs"/>).</summary>
    public Dictionary<Guid, TrashedRule> Deleted { get; } = [];

    public Func<Guid, RuleDetail>? RestoredAs { get; set; }

    public List<(string Name, NamespaceChange Change)> Changes { get; } = [];

    public List<(string Name, string? Confirm)> Deletes { get; } = [];

    public List<Guid> Restores { get; } = [];

    public Task<StoreResult<NamespaceSummary>> ChangeNamespaceAsync(string name, NamespaceChange change, Caller caller, CancellationToken ct)
    {
        Changes.Add((name, change));
        var summary = new NamespaceSummary(Guid.NewGuid(), change.Name ?? name, change.Team ?? "team-a", 0, 0, 2)
        {
            ArchivedAt = change.Archived == true ? FakeRuleStore.Now : null,
            ArchivedBy = change.Archived == true ? caller.Name : null,
        };
        return Task.FromResult(StoreResult<NamespaceSummary>.Ok(summary));
    }

    public Task<StoreResult<bool>> DeleteNamespaceAsync(string name, string? confirm, Caller caller, CancellationToken ct)
    {
        Deletes.Add((name, confirm));
        return Task.FromResult(NamespaceNames.CheckDeleteConfirmation(name, confirm) is { } error
            ? StoreResult<bool>.Invalid([error])
            : StoreResult<bool>.Ok(true));
    }

    public Task<IReadOnlyList<TrashedRule>?> TrashAsync(string @namespace, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TrashedRule>?>(Deleted.Values.Where(r => r.Namespace == @namespace).ToList());

    public Task<TrashedRule?> DeletedRuleAsync(Guid id, CancellationToken ct) => Task.FromResult(Deleted.GetValueOrDefault(id));

    public Task<StoreResult<RuleDetail>> RestoreDeletedAsync(Guid id, Caller caller, CancellationToken ct)
    {
        Restores.Add(id);
        if (!Deleted.Remove(id, out var rule))
        {
            return Task.FromResult(StoreResult<RuleDetail>.NotFound("rule"));
        }

        return Task.FromResult(RestoredAs is { } restore
            ? StoreResult<RuleDetail>.Ok(restore(id))
            : new StoreResult<RuleDetail>(StoreOutcome.Conflict, null, [new FieldError("name", $"Group {rule.Group} already has a rule named {rule.Name}.")]));
    }
}
