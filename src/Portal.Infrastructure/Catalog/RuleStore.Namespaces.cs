using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Catalog;

/// <summary>Namespaces: made, renamed, handed to another team, archived and deleted. See docs/decisions/0023.</summary>
internal sealed partial class RuleStore : ICatalogLifecycle
{
    /// <summary>The sizes of the *_by columns of the catalog.</summary>
    private const int ActorLength = 200;

    public async Task<StoreResult<NamespaceSummary>> CreateNamespaceAsync(string name, string team, Caller caller, CancellationToken ct)
    {
        name = name.Trim();
        team = team.Trim();
        if (StorableText.Check("team", team) is { } unstorable)
        {
            return StoreResult<NamespaceSummary>.Invalid([unstorable]);
        }

        if (NamespaceNames.CheckTeam(team) is { } noTeam)
        {
            return StoreResult<NamespaceSummary>.Invalid([noTeam]);
        }

        // Rights first: a caller without them is refused (and audited) as that, whatever the name looks like.
        if (await RefusalAsync(caller, "namespace.create", name, team) is { } refusal)
        {
            return StoreResult<NamespaceSummary>.Forbidden(refusal);
        }

        if (NamespaceNames.CheckName(name) is { } badName)
        {
            return StoreResult<NamespaceSummary>.Invalid([badName]);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Namespaces.AnyAsync(n => n.Name == name, ct))
        {
            return StoreResult<NamespaceSummary>.Invalid("name", $"A namespace named \"{name}\" already exists.");
        }

        if (await NoSuchTeamAsync(db, team, ct) is { } missing)
        {
            return StoreResult<NamespaceSummary>.Invalid([missing]);
        }

        var row = new NamespaceRow { Id = Guid.NewGuid(), Name = name, Team = team, CreatedAt = clock.GetUtcNow() };
        db.Namespaces.Add(row);
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "namespace.create", name));
        if (!await SavedFirstAsync(db, ct))
        {
            return CreatedMeanwhile<NamespaceSummary>("name", $"A namespace named \"{name}\" was created by someone else at the same moment.");
        }

        changes.Announce(Cluster.ChangeKinds.Namespace, row.Name, caller.Name, row.Version, "created");
        return StoreResult<NamespaceSummary>.Ok(new NamespaceSummary(row.Id, row.Name, row.Team, 0, 0, row.Version));
    }

    public async Task<StoreResult<NamespaceSummary>> ChangeNamespaceAsync(string name, NamespaceChange change, Caller caller, CancellationToken ct)
    {
        var newName = change.Name?.Trim();
        var newTeam = change.Team?.Trim();
        if (StorableText.Check([("name", name), ("name", newName), ("team", newTeam)]) is { Count: > 0 } unstorable)
        {
            return StoreResult<NamespaceSummary>.Invalid(unstorable);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = await db.Namespaces.FirstOrDefaultAsync(n => n.Name == name, ct);
        if (ns is null)
        {
            return NoNamespace<NamespaceSummary>(name);
        }

        var attempted = newName is not null && newName != ns.Name ? "namespace.rename"
            : newTeam is not null && newTeam != ns.Team ? "namespace.assign"
            : change.Archived == false ? "namespace.unarchive" : "namespace.archive";
        // Handing a namespace over takes it from one team and gives it to another: the caller needs both teams' rights.
        // A namespace without a team is refused to all but Admins by the policy itself.
        string?[] teams = newTeam is { Length: > 0 } && newTeam != ns.Team ? [ns.Team, newTeam] : [ns.Team];
        if (await RefusalAsync(caller, attempted, ns.Name, teams) is { } refusal)
        {
            return StoreResult<NamespaceSummary>.Forbidden(refusal);
        }

        if (change.Version is { } version && version != ns.Version)
        {
            return new StoreResult<NamespaceSummary>(StoreOutcome.Conflict, null, [new FieldError("version", "Someone else changed this namespace since you read it.")]);
        }

        var errors = new List<FieldError>();
        if (newName is not null && NamespaceNames.CheckName(newName) is { } badName)
        {
            errors.Add(badName);
        }

        if (newTeam is not null && (NamespaceNames.CheckTeam(newTeam) ?? await NoSuchTeamAsync(db, newTeam, ct)) is { } badTeam)
        {
            errors.Add(badTeam);
        }

        if (errors.Count > 0)
        {
            return StoreResult<NamespaceSummary>.Invalid(errors);
        }

        if (newName is not null && newName != ns.Name && await db.Namespaces.AnyAsync(n => n.Name == newName, ct))
        {
            return CreatedMeanwhile<NamespaceSummary>("name", $"A namespace named \"{newName}\" already exists; choose another name.");
        }

        var now = clock.GetUtcNow();
        var changed = false;
        void Record(string action, object detail)
        {
            changed = true;
            db.AuditEvents.Add(AuditEvent.Record(now, caller, action, ns.Name, System.Text.Json.JsonSerializer.Serialize(detail)));
        }

        if (newName is not null && newName != ns.Name)
        {
            Record("namespace.rename", new { before = ns.Name, after = newName });
            ns.Name = newName;
        }

        if (newTeam is not null && newTeam != ns.Team)
        {
            Record("namespace.assign", new { before = ns.Team, after = newTeam });
            ns.Team = newTeam;
        }

        if (change.Archived is { } archive && archive != (ns.ArchivedAt is not null))
        {
            Record(archive ? "namespace.archive" : "namespace.unarchive", new { archived = archive });
            (ns.ArchivedAt, ns.ArchivedBy) = archive ? (now, Audit.AuditText.Fit(caller.Name, ActorLength)) : ((DateTimeOffset?)null, (string?)null);
        }

        db.Entry(ns).Property(n => n.Version).OriginalValue = change.Version ?? ns.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StoreResult<NamespaceSummary>(StoreOutcome.Conflict, null, [new FieldError("version", "Someone else changed this namespace at the same moment.")]);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return CreatedMeanwhile<NamespaceSummary>("name", $"A namespace named \"{ns.Name}\" was made by someone else at the same moment.");
        }

        var summary = (await NamespacesAsync(ct)).First(n => n.Id == ns.Id);
        if (changed)
        {
            changes.Announce(Cluster.ChangeKinds.Namespace, summary.Name, caller.Name, summary.Version);
        }

        return StoreResult<NamespaceSummary>.Ok(summary, changed);
    }

    public async Task<StoreResult<bool>> DeleteNamespaceAsync(string name, string? confirm, Caller caller, CancellationToken ct)
    {
        if (!StorableText.IsStorable(name))
        {
            return NoNamespace<bool>(name);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = await db.Namespaces.FirstOrDefaultAsync(n => n.Name == name, ct);
        if (ns is null)
        {
            return NoNamespace<bool>(name);
        }

        if (await RefusalAsync(caller, "namespace.delete", ns.Name, ns.Team) is { } refusal)
        {
            return StoreResult<bool>.Forbidden(refusal);
        }

        if (NamespaceNames.CheckDeleteConfirmation(ns.Name, confirm) is { } unconfirmed)
        {
            return StoreResult<bool>.Invalid([unconfirmed]);
        }

        var rules = await db.Rules.CountAsync(r => r.Group.NamespaceId == ns.Id && r.DeletedAt == null, ct);
        var now = clock.GetUtcNow();
        (ns.DeletedAt, ns.DeletedBy) = (now, Audit.AuditText.Fit(caller.Name, ActorLength));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "namespace.delete", ns.Name,
            System.Text.Json.JsonSerializer.Serialize(new { team = ns.Team, rules, archived = ns.ArchivedAt is not null })));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StoreResult<bool>(StoreOutcome.Conflict, false, [new FieldError("version", "Someone else changed this namespace at the same moment; look at it again.")]);
        }

        changes.Announce(Cluster.ChangeKinds.Namespace, name, caller.Name, detail: "deleted");
        return StoreResult<bool>.Ok(true);
    }

    /// <summary>Why nothing in the namespace may change (it is archived), or null.</summary>
    private static FieldError? ReadOnly(NamespaceRow ns) => ns.ArchivedAt is null
        ? null
        : new FieldError("namespace", $"Namespace {ns.Name} is archived, so its groups and rules are read-only: unarchive it to change them.");

    private static async Task<FieldError?> NoSuchTeamAsync(PortalDbContext db, string team, CancellationToken ct) =>
        await db.Teams.AnyAsync(t => t.Name == team, ct)
            ? null
            : new FieldError("team", $"There is no team \"{team}\": an Admin creates teams on the Admin page.");

    private static StoreResult<T> NoNamespace<T>(string name) =>
        new(StoreOutcome.NotFound, default, [new FieldError("name", $"There is no namespace \"{name}\".")]);
}
