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
    public async Task<StoreResult<CapacityModelRow>> SaveModelAsync(CapacityModelEdit edit, Caller caller, CancellationToken ct)
    {
        var spec = Clean(edit.Spec);
        var team = (edit.Team ?? "").Trim();
        if (CapacityValidation.Validate(spec) is { Count: > 0 } invalid)
        {
            return StoreResult<CapacityModelRow>.Invalid(invalid);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        CapacityModelEntity row;
        string attempted;
        if (edit.Id is not { } id)
        {
            attempted = "capacity.create";
            if (await RefusalAsync(caller, attempted, spec.Name, team) is { } refusal)
            {
                return StoreResult<CapacityModelRow>.Forbidden(refusal);
            }

            if (await TooManyAsync(db, 1, ct) is { } full)
            {
                return StoreResult<CapacityModelRow>.Invalid([full]);
            }

            row = new CapacityModelEntity { Id = Guid.NewGuid(), CreatedAt = Now() };
            db.CapacityModels.Add(row);
        }
        else
        {
            attempted = "capacity.update";
            if (await db.CapacityModels.FirstOrDefaultAsync(m => m.Id == id, ct) is not { } existing)
            {
                return Missing<CapacityModelRow>("capacity model", id);
            }

            // Handing a model to another team takes it from its own: the caller needs both teams' rights.
            if (await RefusalAsync(caller, attempted, existing.Name, existing.Team, team) is { } refusal)
            {
                return StoreResult<CapacityModelRow>.Forbidden(refusal);
            }

            if (existing.Version != edit.Version)
            {
                return Conflict<CapacityModelRow>("capacity model");
            }

            if (existing.Team == team && ToRow(existing).Spec is var stored && Same(stored, spec))
            {
                return StoreResult<CapacityModelRow>.Ok(ToRow(existing), changed: false);
            }

            row = existing;
            db.Entry(row).Property(r => r.Version).OriginalValue = edit.Version;
        }

        if (await ProblemAsync(db, team, spec, ct) is { } problem)
        {
            return StoreResult<CapacityModelRow>.Invalid([problem]);
        }

        var now = Now();
        Write(row, team, spec, caller, now);
        db.AuditEvents.Add(AuditEvent.Record(now, caller, attempted, spec.Name, JsonSerializer.Serialize(new { id = row.Id, team })));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict<CapacityModelRow>("capacity model");
        }

        changes.Announce(Cluster.ChangeKinds.Capacity, row.Id.ToString(), caller.Name, row.Version);
        return StoreResult<CapacityModelRow>.Ok(ToRow(row));
    }

    public async Task<StoreResult<bool>> DeleteModelAsync(Guid id, uint version, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.CapacityModels.FirstOrDefaultAsync(m => m.Id == id, ct) is not { } row)
        {
            return Missing<bool>("capacity model", id);
        }

        if (await RefusalAsync(caller, "capacity.delete", row.Name, row.Team) is { } refusal)
        {
            return StoreResult<bool>.Forbidden(refusal);
        }

        if (row.Version != version)
        {
            return Conflict<bool>("capacity model");
        }

        db.Entry(row).Property(r => r.Version).OriginalValue = version;
        db.CapacityModels.Remove(row);
        // The audit row keeps what was deleted: the model itself is gone (it has no history of its own).
        db.AuditEvents.Add(AuditEvent.Record(Now(), caller, "capacity.delete", row.Name,
            JsonSerializer.Serialize(new { id = row.Id, team = row.Team, spec = ToRow(row).Spec })));
        try
        {
            await db.SaveChangesAsync(ct);
            changes.Announce(Cluster.ChangeKinds.Capacity, row.Id.ToString(), caller.Name, detail: "deleted");
            return StoreResult<bool>.Ok(true);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict<bool>("capacity model");
        }
    }

    public async Task<StoreResult<IReadOnlyList<CapacityModelRow>>> ImportModelsAsync(IReadOnlyList<CapacityModelEdit> models, Caller caller, CancellationToken ct)
    {
        var result = await ImportAsync(models.Select(m => (m.Team, m.Spec)).ToList(), [], [], caller, "capacity.import", ct);
        return result.Value is { } rows
            ? StoreResult<IReadOnlyList<CapacityModelRow>>.Ok(rows)
            : new(result.Outcome, null, result.Errors);
    }

    public async Task<StoreResult<int>> ImportStarterAsync(string team, CapacityStarterSet set, Caller caller, CancellationToken ct)
    {
        team = (team ?? "").Trim();
        var result = await ImportAsync(set.Models.Select(m => (team, m)).ToList(), set.Budgets.Select(b => (team, b)).ToList(),
            set.Baselines.Select(b => (team, b)).ToList(), caller, "capacity.import-starter", ct);
        return result.Value is not null
            ? StoreResult<int>.Ok(set.Models.Count + set.Budgets.Count + set.Baselines.Count)
            : new(result.Outcome, 0, result.Errors);
    }

    /// <summary>
    /// Models, budgets and baselines in one transaction: every item's problems at once, each named by its place, and
    /// nothing written unless all of it can be.
    /// </summary>
    private async Task<StoreResult<IReadOnlyList<CapacityModelRow>>> ImportAsync(
        IReadOnlyList<(string Team, CapacityModelSpec Spec)> models,
        IReadOnlyList<(string Team, MemoryBudgetSpec Spec)> budgets,
        IReadOnlyList<(string Team, ServiceBaselineSpec Spec)> baselines,
        Caller caller,
        string attempted,
        CancellationToken ct)
    {
        if (models.Count + budgets.Count + baselines.Count == 0)
        {
            return StoreResult<IReadOnlyList<CapacityModelRow>>.Invalid("models", "The import holds nothing.");
        }

        var cleanModels = models.Select(m => ((m.Team ?? "").Trim(), Clean(m.Spec))).ToList();
        var errors = new List<FieldError>();
        errors.AddRange(cleanModels.SelectMany((m, i) => CapacityValidation.Validate(m.Item2).Select(e => Item("models", i, m.Item2.Name, e))));
        errors.AddRange(budgets.SelectMany((b, i) => CapacityValidation.Validate(b.Spec).Select(e => Item("budgets", i, b.Spec.Name, e))));
        errors.AddRange(baselines.SelectMany((b, i) => CapacityValidation.Validate(b.Spec).Select(e => Item("baselines", i, b.Spec.Service, e))));
        if (errors.Count > 0)
        {
            return StoreResult<IReadOnlyList<CapacityModelRow>>.Invalid(errors);
        }

        var teams = cleanModels.Select(m => m.Item1).Concat(budgets.Select(b => b.Team.Trim())).Concat(baselines.Select(b => b.Team.Trim())).Distinct().ToArray();
        var subject = $"{models.Count} capacity models, {budgets.Count} budgets, {baselines.Count} baselines";
        if (await RefusalAsync(caller, attempted, subject, teams) is { } refusal)
        {
            return StoreResult<IReadOnlyList<CapacityModelRow>>.Forbidden(refusal);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var team in teams)
        {
            if (await NoSuchTeamAsync(db, team, ct) is { } noTeam)
            {
                return StoreResult<IReadOnlyList<CapacityModelRow>>.Invalid([noTeam]);
            }
        }

        if (await TooManyAsync(db, cleanModels.Count, ct) is { } full)
        {
            return StoreResult<IReadOnlyList<CapacityModelRow>>.Invalid([full]);
        }

        var now = Now();
        var rows = new List<CapacityModelEntity>();
        for (var i = 0; i < cleanModels.Count; i++)
        {
            var (team, spec) = cleanModels[i];
            if (await ProblemAsync(db, team, spec, ct) is { } problem)
            {
                errors.Add(Item("models", i, spec.Name, problem));
                continue;
            }

            var row = new CapacityModelEntity { Id = Guid.NewGuid(), CreatedAt = now };
            Write(row, team, spec, caller, now);
            db.CapacityModels.Add(row);
            rows.Add(row);
        }

        if (errors.Count > 0)
        {
            return StoreResult<IReadOnlyList<CapacityModelRow>>.Invalid(errors);
        }

        foreach (var (team, spec) in budgets)
        {
            var row = new MemoryBudgetEntity { Id = Guid.NewGuid(), CreatedAt = now };
            Write(row, team.Trim(), spec, caller, now);
            db.MemoryBudgets.Add(row);
        }

        foreach (var (team, spec) in baselines)
        {
            var row = new ServiceBaselineEntity { Id = Guid.NewGuid(), CreatedAt = now };
            Write(row, team.Trim(), spec, caller, now);
            db.ServiceBaselines.Add(row);
        }

        db.AuditEvents.Add(AuditEvent.Record(now, caller, attempted, subject, JsonSerializer.Serialize(new
        {
            teams, models = rows.Select(r => r.Name), budgets = budgets.Select(b => b.Spec.Name), baselines = baselines.Select(b => b.Spec.Service),
        })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Announce(Cluster.ChangeKinds.Capacity, subject, caller.Name, detail: "import");
        return StoreResult<IReadOnlyList<CapacityModelRow>>.Ok(rows.Select(ToRow).ToList());
    }

    /// <summary>What validation cannot see: whether the team exists and the linked runbook is there.</summary>
    private static async Task<FieldError?> ProblemAsync(PortalDbContext db, string team, CapacityModelSpec spec, CancellationToken ct)
    {
        if (await NoSuchTeamAsync(db, team, ct) is { } noTeam)
        {
            return noTeam;
        }

        if (spec.RunbookSlug is { } slug && !await db.Runbooks.AnyAsync(r => r.Slug == slug && r.DeletedAt == null, ct))
        {
            return new FieldError("runbookSlug", $"There is no runbook \"{slug}\"; create it first or leave the link empty.");
        }

        return null;
    }

    /// <summary>The spec as stored: names trimmed, empty optional text as none.</summary>
    private static CapacityModelSpec Clean(CapacityModelSpec spec) => spec with
    {
        Name = (spec.Name ?? "").Trim(),
        UsageQuery = (spec.UsageQuery ?? "").Trim(),
        Limit = spec.Limit is null ? new CapacityLimit(null, null) : spec.Limit with { Query = string.IsNullOrWhiteSpace(spec.Limit.Query) ? null : spec.Limit.Query.Trim() },
        Unit = (spec.Unit ?? "").Trim(),
        Marks = (spec.Marks ?? []).Select(m => m is null ? m! : m with { Name = (m.Name ?? "").Trim() }).ToList(),
        Description = string.IsNullOrWhiteSpace(spec.Description) ? null : spec.Description.Trim(),
        RunbookSlug = string.IsNullOrWhiteSpace(spec.RunbookSlug) ? null : spec.RunbookSlug.Trim(),
    };

    private static bool Same(CapacityModelSpec a, CapacityModelSpec b) =>
        a with { Marks = [] } == b with { Marks = [] } && a.Marks.SequenceEqual(b.Marks);

    private static void Write(CapacityModelEntity row, string team, CapacityModelSpec spec, Caller caller, DateTimeOffset now)
    {
        (row.Team, row.Name, row.UsageQuery, row.LimitValue, row.LimitQuery, row.Unit) =
            (team, spec.Name, spec.UsageQuery, spec.Limit.Value, spec.Limit.Query, spec.Unit);
        (row.Warning, row.Critical, row.Marks, row.Description, row.RunbookSlug) =
            (spec.Warning, spec.Critical, JsonSerializer.Serialize(spec.Marks, Json), spec.Description, spec.RunbookSlug);
        (row.UpdatedAt, row.UpdatedBy) = (now, Audit.AuditText.Fit(caller.Name, ActorLength));
    }

    private static FieldError Item(string list, int index, string? name, FieldError error) =>
        new($"{list}[{index}].{error.Field}", $"{char.ToUpperInvariant(list[0])}{list[1..^1]} {index + 1}{(string.IsNullOrWhiteSpace(name) ? "" : $" ({name.Trim()})")}: {error.Message}", error.Position);

    /// <summary>
    /// Models in all: every one is measured on each refresh and shown on one page, so their number is bounded like
    /// any other work a user can ask for.
    /// </summary>
    public const int MaxModels = 500;

    /// <summary><see cref="MaxModels"/>, lower in a test that must not fill a shared database to reach it.</summary>
    internal int ModelLimit { get; set; } = MaxModels;

    private async Task<FieldError?> TooManyAsync(PortalDbContext db, int adding, CancellationToken ct)
    {
        if (adding == 0)
        {
            return null;
        }

        var existing = await db.CapacityModels.CountAsync(ct);
        return existing + adding <= ModelLimit
            ? null
            : new FieldError("models", $"The portal holds at most {ModelLimit} capacity models; it has {existing}, and this would add {adding}. Delete models no one watches first.");
    }
}
