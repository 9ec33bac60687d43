using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Capacity;

/// <summary>
/// Capacity models, memory budgets and baselines in PostgreSQL. Reads here; model writes and imports in
/// CapacityStore.Writes.cs, budgets and baselines in CapacityStore.Budgets.cs, "alert on this" in CapacityStore.Alerts.cs.
/// </summary>
internal sealed partial class CapacityStore(
    IDbContextFactory<PortalDbContext> factory,
    TimeProvider clock,
    Access.AccessGuard guard,
    IRuleStore rules,
    Runbooks.IRunbookStore runbooks,
    Cluster.IChangeFeed? changes = null) : ICapacityStore
{
    private const int ActorLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<CapacityModelRow>> ModelsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.CapacityModels.AsNoTracking().OrderBy(m => m.Team).ThenBy(m => m.Name).ThenBy(m => m.Id).ToListAsync(ct);
        return rows.Select(ToRow).ToList();
    }

    public async Task<CapacityModelRow?> ModelAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CapacityModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } row ? ToRow(row) : null;
    }

    public async Task<IReadOnlyList<MemoryBudgetRow>> BudgetsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.MemoryBudgets.AsNoTracking().OrderBy(b => b.Team).ThenBy(b => b.Name).ThenBy(b => b.Id).ToListAsync(ct);
        return rows.Select(ToRow).ToList();
    }

    public async Task<IReadOnlyList<ServiceBaselineRow>> BaselinesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ServiceBaselines.AsNoTracking().OrderBy(b => b.Team).ThenBy(b => b.Service).ThenBy(b => b.Id).ToListAsync(ct);
        return rows.Select(ToRow).ToList();
    }

    internal static CapacityModelRow ToRow(CapacityModelEntity e) => new(
        e.Id,
        e.Team,
        new CapacityModelSpec(e.Name, e.UsageQuery, new CapacityLimit(e.LimitValue, e.LimitQuery), e.Unit, e.Warning, e.Critical,
            JsonSerializer.Deserialize<List<CapacityMark>>(e.Marks, Json) ?? [])
        {
            Description = e.Description,
            RunbookSlug = e.RunbookSlug,
        },
        e.Version,
        e.UpdatedAt,
        e.UpdatedBy);

    internal static MemoryBudgetRow ToRow(MemoryBudgetEntity e) => new(
        e.Id,
        e.Team,
        new MemoryBudgetSpec(e.Name, new CapacityLimit(e.TotalValue, e.TotalQuery), e.ReserveBytes,
            JsonSerializer.Deserialize<List<MemoryBudgetComponent>>(e.Components, Json) ?? []),
        e.Version,
        e.UpdatedAt,
        e.UpdatedBy);

    internal static ServiceBaselineRow ToRow(ServiceBaselineEntity e) => new(
        e.Id,
        e.Team,
        new ServiceBaselineSpec(e.Service, e.LatencyP95Query, e.TargetP95Seconds, e.ThroughputQuery, e.TargetPerSecond),
        e.Version,
        e.UpdatedAt,
        e.UpdatedBy);

    /// <summary>Now, to the microsecond PostgreSQL keeps: what a write returns equals what a later read finds.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    /// <summary>The policy's reason when the caller may not change capacity records of every one of <paramref name="teams"/>; the refusal is audited.</summary>
    private async Task<string?> RefusalAsync(Caller caller, string attempted, string subject, params string?[] teams)
    {
        foreach (var team in teams.Distinct())
        {
            if (await guard.CheckAsync(caller, PortalAction.EditCapacity, attempted, subject, team) is { Allowed: false } decision)
            {
                return decision.Reason;
            }
        }

        return null;
    }

    private static async Task<FieldError?> NoSuchTeamAsync(PortalDbContext db, string team, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(team) ? new FieldError("team", "Say which team owns this: its Editors change it.")
        : await db.Teams.AnyAsync(t => t.Name == team, ct) ? null
        : new FieldError("team", $"There is no team \"{(team.Length <= 63 ? team : team[..63] + "…")}\": an Admin creates teams on the Admin page.");

    private static StoreResult<T> Conflict<T>(string what) =>
        new(StoreOutcome.Conflict, default, [new FieldError("version", $"Someone else changed this {what} since you opened it.")]);

    private static StoreResult<T> Missing<T>(string what, Guid id) =>
        new(StoreOutcome.NotFound, default, [new FieldError("id", $"There is no {what} with id {id}.")]);
}
