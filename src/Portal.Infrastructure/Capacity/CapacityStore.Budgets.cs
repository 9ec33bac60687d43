using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Capacity;

internal sealed partial class CapacityStore
{
    public Task<StoreResult<MemoryBudgetRow>> SaveBudgetAsync(Guid? id, string team, MemoryBudgetSpec spec, uint version, Caller caller, CancellationToken ct)
    {
        spec = spec with { Name = (spec.Name ?? "").Trim(), Components = (spec.Components ?? []).ToList() };
        return SaveAsync(id, team, version, caller, "budget", spec.Name, CapacityValidation.Validate(spec),
            db => db.MemoryBudgets, (row, now) => Write(row, team.Trim(), spec, caller, now), ToRow, ct);
    }

    public Task<StoreResult<bool>> DeleteBudgetAsync(Guid id, uint version, Caller caller, CancellationToken ct) =>
        DeleteAsync(id, version, caller, "budget", db => db.MemoryBudgets, r => r.Name, ct);

    public Task<StoreResult<ServiceBaselineRow>> SaveBaselineAsync(Guid? id, string team, ServiceBaselineSpec spec, uint version, Caller caller, CancellationToken ct)
    {
        spec = spec with { Service = (spec.Service ?? "").Trim() };
        return SaveAsync(id, team, version, caller, "baseline", spec.Service, CapacityValidation.Validate(spec),
            db => db.ServiceBaselines, (row, now) => Write(row, team.Trim(), spec, caller, now), ToRow, ct);
    }

    public Task<StoreResult<bool>> DeleteBaselineAsync(Guid id, uint version, Caller caller, CancellationToken ct) =>
        DeleteAsync(id, version, caller, "baseline", db => db.ServiceBaselines, r => r.Service, ct);

    /// <summary>Create or update of a budget or baseline: validation, rights (both teams on a hand-over), version, audit.</summary>
    private async Task<StoreResult<TRow>> SaveAsync<TEntity, TRow>(
        Guid? id, string team, uint version, Caller caller, string what, string name, IReadOnlyList<FieldError> invalid,
        Func<PortalDbContext, DbSet<TEntity>> set, Action<TEntity, DateTimeOffset> write, Func<TEntity, TRow> toRow, CancellationToken ct)
        where TEntity : class, IOwnedRow, new()
    {
        team = (team ?? "").Trim();
        if (invalid.Count > 0)
        {
            return StoreResult<TRow>.Invalid(invalid);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var attempted = $"capacity.{what}.{(id is null ? "create" : "update")}";
        TEntity row;
        if (id is not { } existingId)
        {
            if (await RefusalAsync(caller, attempted, name, team) is { } refusal)
            {
                return StoreResult<TRow>.Forbidden(refusal);
            }

            row = new TEntity { Id = Guid.NewGuid(), CreatedAt = Now() };
            set(db).Add(row);
        }
        else
        {
            if (await set(db).FirstOrDefaultAsync(r => r.Id == existingId, ct) is not { } existing)
            {
                return Missing<TRow>(what, existingId);
            }

            if (await RefusalAsync(caller, attempted, name, existing.Team, team) is { } refusal)
            {
                return StoreResult<TRow>.Forbidden(refusal);
            }

            if (existing.Version != version)
            {
                return Conflict<TRow>(what);
            }

            row = existing;
            db.Entry(row).Property(nameof(IOwnedRow.Version)).OriginalValue = version;
        }

        if (await NoSuchTeamAsync(db, team, ct) is { } noTeam)
        {
            return StoreResult<TRow>.Invalid([noTeam]);
        }

        var now = Now();
        write(row, now);
        db.AuditEvents.Add(AuditEvent.Record(now, caller, attempted, name, JsonSerializer.Serialize(new { id = row.Id, team })));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict<TRow>(what);
        }

        changes.Announce(Cluster.ChangeKinds.Capacity, row.Id.ToString(), caller.Name, detail: what);
        return StoreResult<TRow>.Ok(toRow(row));
    }

    private async Task<StoreResult<bool>> DeleteAsync<TEntity>(Guid id, uint version, Caller caller, string what,
        Func<PortalDbContext, DbSet<TEntity>> set, Func<TEntity, string> name, CancellationToken ct)
        where TEntity : class, IOwnedRow
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var attempted = $"capacity.{what}.delete";
        if (await set(db).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } row)
        {
            return Missing<bool>(what, id);
        }

        if (await RefusalAsync(caller, attempted, name(row), row.Team) is { } refusal)
        {
            return StoreResult<bool>.Forbidden(refusal);
        }

        if (row.Version != version)
        {
            return Conflict<bool>(what);
        }

        db.Entry(row).Property(nameof(IOwnedRow.Version)).OriginalValue = version;
        set(db).Remove(row);
        db.AuditEvents.Add(AuditEvent.Record(Now(), caller, attempted, name(row), JsonSerializer.Serialize(new { id = row.Id, team = row.Team })));
        try
        {
            await db.SaveChangesAsync(ct);
            changes.Announce(Cluster.ChangeKinds.Capacity, row.Id.ToString(), caller.Name, detail: what + " deleted");
            return StoreResult<bool>.Ok(true);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict<bool>(what);
        }
    }

    private static void Write(MemoryBudgetEntity row, string team, MemoryBudgetSpec spec, Caller caller, DateTimeOffset now)
    {
        (row.Team, row.Name, row.TotalValue, row.TotalQuery, row.ReserveBytes) =
            (team, spec.Name, spec.Total.Value, spec.Total.Query?.Trim(), spec.ReserveBytes);
        row.Components = JsonSerializer.Serialize(spec.Components.Select(c => c with { Name = c.Name.Trim(), UsageQuery = c.UsageQuery.Trim() }), Json);
        (row.UpdatedAt, row.UpdatedBy) = (now, Audit.AuditText.Fit(caller.Name, ActorLength));
    }

    private static void Write(ServiceBaselineEntity row, string team, ServiceBaselineSpec spec, Caller caller, DateTimeOffset now)
    {
        (row.Team, row.Service, row.LatencyP95Query, row.TargetP95Seconds, row.ThroughputQuery, row.TargetPerSecond) =
            (team, spec.Service, spec.LatencyP95Query.Trim(), spec.TargetP95Seconds, spec.ThroughputQuery.Trim(), spec.TargetPerSecond);
        (row.UpdatedAt, row.UpdatedBy) = (now, Audit.AuditText.Fit(caller.Name, ActorLength));
    }
}
