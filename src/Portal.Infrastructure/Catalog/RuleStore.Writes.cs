using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Catalog;

internal sealed partial class RuleStore
{
    public async Task<StoreResult<GroupSummary>> SaveGroupAsync(GroupEdit edit, Caller caller, CancellationToken ct)
    {
        var name = edit.Name.Trim();
        if (GroupSettings.Check(name, edit.Interval, edit.Limit, MinimumGroupInterval) is { Count: > 0 } invalid)
        {
            return StoreResult<GroupSummary>.Invalid(invalid);
        }

        if (StorableText.Check("name", name) is { } unstorable)
        {
            return StoreResult<GroupSummary>.Invalid([unstorable]);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = await db.Namespaces.FirstOrDefaultAsync(n => n.Id == edit.NamespaceId, ct);
        if (ns is null)
        {
            return StoreResult<GroupSummary>.NotFound("namespace");
        }

        if (await RefusalAsync(caller, edit.Id is null ? "group.create" : "group.update", $"{ns.Name}/{name}", ns.Team) is { } refusal)
        {
            return StoreResult<GroupSummary>.Forbidden(refusal);
        }

        if (ReadOnly(ns) is { } archived)
        {
            return StoreResult<GroupSummary>.Invalid([archived]);
        }

        if (await db.Groups.AnyAsync(g => g.NamespaceId == ns.Id && g.Name == name && g.Id != edit.Id, ct))
        {
            return StoreResult<GroupSummary>.Invalid("name", $"Namespace \"{ns.Name}\" already has a group named \"{name}\".");
        }

        GroupRow? row;
        if (edit.Id is null)
        {
            var position = await db.Groups.Where(g => g.NamespaceId == ns.Id).Select(g => (int?)g.Position).MaxAsync(ct) ?? -1;
            row = new GroupRow { Id = Guid.NewGuid(), NamespaceId = ns.Id, Position = position + 1 };
            db.Groups.Add(row);
        }
        else
        {
            row = await db.Groups.FirstOrDefaultAsync(g => g.Id == edit.Id && g.NamespaceId == ns.Id, ct);
            if (row is null)
            {
                return StoreResult<GroupSummary>.NotFound("group");
            }

            db.Entry(row).Property(g => g.Version).OriginalValue = edit.Version;
        }

        var changed = row.Name != name || row.IntervalMs != edit.Interval?.TotalMilliseconds || row.Limit != edit.Limit;
        (row.Name, row.IntervalMs, row.Limit) = (name, edit.Interval?.TotalMilliseconds, edit.Limit);
        if (changed)
        {
            db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, edit.Id is null ? "group.create" : "group.update", $"{ns.Name}/{name}"));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StoreResult<GroupSummary>(StoreOutcome.Conflict, null, [new FieldError("version", "Someone else changed this group since you opened it.")]);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return CreatedMeanwhile<GroupSummary>("name", $"Namespace \"{ns.Name}\" got a group named \"{name}\" from someone else at the same moment.");
        }

        if (changed)
        {
            changes.Announce(Cluster.ChangeKinds.Group, row.Id.ToString(), caller.Name, row.Version);
        }

        return StoreResult<GroupSummary>.Ok(Summary(row, ns.Name), changed);
    }

    public async Task<StoreResult<RuleDetail>> SaveAsync(RuleEdit edit, Caller caller, CancellationToken ct)
    {
        // Unstorable characters first: the other checks would only add confusing echoes of the same character.
        var unstorable = StorableText.Check(edit.Content).Concat(StorableText.Check([("reason", edit.Reason)])).ToList();
        var errors = unstorable.Count > 0 ? unstorable : edit.Content.Validate();
        if (errors.Count > 0)
        {
            return StoreResult<RuleDetail>.Invalid(errors);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var group = await db.Groups.Include(g => g.Namespace).FirstOrDefaultAsync(g => g.Id == edit.GroupId, ct);
        if (group is null)
        {
            return StoreResult<RuleDetail>.NotFound("group");
        }

        var attempted = edit.Id is null ? "rule.create" : "rule.update";
        var subject = $"{group.Namespace.Name}/{group.Name}/{edit.Content.Name}";
        if (await RefusalAsync(caller, attempted, subject, group.Namespace.Team) is { } refusal)
        {
            return StoreResult<RuleDetail>.Forbidden(refusal);
        }

        if (ReadOnly(group.Namespace) is { } archived)
        {
            return StoreResult<RuleDetail>.Invalid([archived]);
        }

        // After the access check, so that an overlong name in someone else's group is refused, and audited, as that.
        if (TooLong("name", "A rule name", edit.Content.Name, MaxRuleName) is { } tooLong)
        {
            return StoreResult<RuleDetail>.Invalid([tooLong]);
        }

        RuleRow row;
        var now = clock.GetUtcNow();
        if (edit.Id is not { } id)
        {
            row = new RuleRow { Id = Guid.NewGuid(), GroupId = group.Id, Group = group, CreatedAt = now };
            row.Position = await NextPositionAsync(db, group.Id, ct);
            db.Rules.Add(row);
        }
        else
        {
            var existing = await Tracked(db).FirstOrDefaultAsync(r => r.Id == id, ct);
            if (existing is null)
            {
                return StoreResult<RuleDetail>.NotFound("rule");
            }

            // Saving into another team's group takes the rule away from its own team: both must agree.
            if (existing.Group.Namespace.Team != group.Namespace.Team
                && await RefusalAsync(caller, attempted, subject, existing.Group.Namespace.Team) is { } fromRefusal)
            {
                return StoreResult<RuleDetail>.Forbidden(fromRefusal);
            }

            if (ReadOnly(existing.Group.Namespace) is { } archivedSource)
            {
                return StoreResult<RuleDetail>.Invalid([archivedSource]);
            }

            row = existing;
            var onlyMoved = edit.BaseVersionNumber == row.VersionNumber;
            if (row.Version != edit.Version && !onlyMoved)
            {
                return StoreResult<RuleDetail>.Conflict(Detail(row));
            }

            var sameGroup = row.GroupId == group.Id;
            if (sameGroup && row.ToContent() == edit.Content)
            {
                return StoreResult<RuleDetail>.Ok(Detail(row), changed: false);
            }

            RecordThresholdChange(db, row, edit.Content, caller.Name, now, edit.Reason, edit.ExpectedAlertsPerWeek);
            if (!sameGroup)
            {
                (row.GroupId, row.Group) = (group.Id, group);
                row.Position = await NextPositionAsync(db, group.Id, ct);
            }

            // A concurrent writer still loses: the row must be unchanged since it was read here.
            db.Entry(row).Property(r => r.Version).OriginalValue = onlyMoved ? row.Version : edit.Version;
        }

        // Before/after, field by field, as the release diff words it ("threshold 0.5 → 0.7"); a new rule has no before.
        var changes = Domain.Publishing.ReleaseDiff.Fields(edit.Id is null ? null : row.ToContent().ToRule(), edit.Content.ToRule());
        if (edit.Id is not null && row.Enabled != edit.Content.Enabled)
        {
            changes.Add(new Domain.Publishing.FieldChange("enabled", row.Enabled ? "true" : "false", edit.Content.Enabled ? "true" : "false"));
        }

        WriteVersion(db, row, edit.Content, caller.Name, now, edit.Reason);
        db.AuditEvents.Add(AuditEvent.Record(now, caller, attempted, subject, System.Text.Json.JsonSerializer.Serialize(new
        {
            reason = edit.Reason,
            changes = changes.Select(c => new { field = c.Field, before = c.Before, after = c.After }),
        })));
        return await SaveOrConflictAsync(db, row, caller, ct);
    }

    public async Task<StoreResult<bool>> DeleteAsync(Guid id, uint version, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await Tracked(db).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return StoreResult<bool>.NotFound("rule");
        }

        if (await RefusalAsync(caller, "rule.delete", $"{row.Group.Namespace.Name}/{row.Group.Name}/{row.Name}", row.Group.Namespace.Team) is { } refusal)
        {
            return StoreResult<bool>.Forbidden(refusal);
        }

        if (ReadOnly(row.Group.Namespace) is { } archived)
        {
            return StoreResult<bool>.Invalid([archived]);
        }

        if (row.Version != version)
        {
            return new StoreResult<bool>(StoreOutcome.Conflict, false, [new FieldError("version", "Someone else changed this rule since you opened it.")], Detail(row));
        }

        // Deleting keeps the row and its versions: nothing the team wrote is ever lost.
        (row.DeletedAt, row.DeletedBy) = (clock.GetUtcNow(), Audit.AuditText.Fit(caller.Name, 200));
        db.Entry(row).Property(r => r.Version).OriginalValue = version;
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "rule.delete", $"{row.Group.Namespace.Name}/{row.Group.Name}/{row.Name}"));
        try
        {
            await db.SaveChangesAsync(ct);
            changes.Announce(Cluster.ChangeKinds.Rule, id.ToString(), caller.Name, detail: "deleted");
            return StoreResult<bool>.Ok(true);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StoreResult<bool>(StoreOutcome.Conflict, false, [new FieldError("version", "Someone else changed this rule since you opened it.")], await GetAsync(id, ct));
        }
    }

    public async Task<StoreResult<RuleDetail>> MoveAsync(Guid id, uint version, Guid groupId, int position, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await Tracked(db).FirstOrDefaultAsync(r => r.Id == id, ct);
        var target = await db.Groups.Include(g => g.Namespace).FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (row is null || target is null)
        {
            return StoreResult<RuleDetail>.NotFound(row is null ? "rule" : "group");
        }

        if (await RefusalAsync(caller, "rule.move", $"{target.Namespace.Name}/{target.Name}/{row.Name}", row.Group.Namespace.Team, target.Namespace.Team) is { } refusal)
        {
            return StoreResult<RuleDetail>.Forbidden(refusal);
        }

        if ((ReadOnly(row.Group.Namespace) ?? ReadOnly(target.Namespace)) is { } archived)
        {
            return StoreResult<RuleDetail>.Invalid([archived]);
        }

        if (row.Version != version)
        {
            return StoreResult<RuleDetail>.Conflict(Detail(row));
        }

        var source = row.GroupId;
        var siblings = await db.Rules.Where(r => r.GroupId == groupId && r.DeletedAt == null && r.Id != id).OrderBy(r => r.Position).ToListAsync(ct);
        siblings.Insert(Math.Clamp(position, 0, siblings.Count), row);
        (row.GroupId, row.Group) = (target.Id, target);
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }

        if (source != groupId)
        {
            var left = await db.Rules.Where(r => r.GroupId == source && r.DeletedAt == null && r.Id != id).OrderBy(r => r.Position).ToListAsync(ct);
            for (var i = 0; i < left.Count; i++)
            {
                left[i].Position = i;
            }
        }

        db.Entry(row).Property(r => r.Version).OriginalValue = version;
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "rule.move", $"{target.Namespace.Name}/{target.Name}/{row.Name}"));
        return await SaveOrConflictAsync(db, row, caller, ct);
    }

    public async Task<StoreResult<RuleDetail>> RestoreAsync(Guid ruleId, int number, uint version, Caller caller, CancellationToken ct)
    {
        var old = await VersionAsync(ruleId, number, ct);
        var current = await GetAsync(ruleId, ct);
        if (old is null || current is null)
        {
            return StoreResult<RuleDetail>.NotFound(old is null ? "version" : "rule");
        }

        return await SaveAsync(new RuleEdit(ruleId, current.GroupId, old.Content, version, $"restored version {number}"), caller, ct);
    }

    private static IQueryable<RuleRow> Tracked(PortalDbContext db) =>
        db.Rules.Include(r => r.Group).ThenInclude(g => g.Namespace).Where(r => r.DeletedAt == null && r.Group.Namespace.DeletedAt == null);

    private static async Task<int> NextPositionAsync(PortalDbContext db, Guid groupId, CancellationToken ct) =>
        (await db.Rules.Where(r => r.GroupId == groupId && r.DeletedAt == null).Select(r => (int?)r.Position).MaxAsync(ct) ?? -1) + 1;

    private static void WriteVersion(PortalDbContext db, RuleRow row, RuleContent content, string actor, DateTimeOffset now, string? reason)
    {
        row.Apply(content, RuleLinter.Lint(content.ToLintRule() with { RunbookLinked = row.RunbookId is not null }));
        row.VersionNumber++;
        (row.UpdatedAt, row.UpdatedBy) = (now, actor);
        db.RuleVersions.Add(new RuleVersionRow
        {
            RuleId = row.Id, Number = row.VersionNumber, Snapshot = RuleSnapshot.Write(content), Actor = actor, At = now,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
    }

    private static void RecordThresholdChange(PortalDbContext db, RuleRow row, RuleContent content, string actor, DateTimeOffset now, string? reason,
        double? expectedAlertsPerWeek = null)
    {
        if (content.Threshold is { } next && row.Threshold != next.Threshold)
        {
            db.ThresholdChanges.Add(new ThresholdChangeRow
            {
                RuleId = row.Id, Old = row.Threshold, New = next.Threshold, Operator = next.Operator, Actor = actor, At = now,
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
                ExpectedAlertsPerWeek = expectedAlertsPerWeek,
            });
        }
    }

    private async Task<StoreResult<RuleDetail>> SaveOrConflictAsync(PortalDbContext db, RuleRow row, Caller caller, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            changes.Announce(Cluster.ChangeKinds.Rule, row.Id.ToString(), caller.Name, row.Version);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return StoreResult<RuleDetail>.Conflict(await GetAsync(row.Id, ct));
        }

        return StoreResult<RuleDetail>.Ok(Detail(row));
    }

    /// <summary>The sizes of the name columns (rule_groups.name, rules.name).</summary>
    internal const int MaxGroupName = GroupSettings.MaxNameLength, MaxRuleName = 400;

    private static FieldError? TooLong(string field, string what, string value, int max) => value.Length <= max
        ? null
        : new FieldError(field, $"{what} has at most {max} characters; this one has {value.Length}.");

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Saves; false when a unique index refused the row because another writer created the same one first.</summary>
    private static async Task<bool> SavedFirstAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>A create that lost a race: 409, nothing written (the whole transaction was refused).</summary>
    private static StoreResult<T> CreatedMeanwhile<T>(string field, string message) =>
        new(StoreOutcome.Conflict, default, [new FieldError(field, message)]);

    /// <summary>The policy's reason when the caller may not change rules of every one of <paramref name="teams"/>; the refusal is audited.</summary>
    private async Task<string?> RefusalAsync(Caller caller, string attempted, string subject, params string?[] teams)
    {
        foreach (var team in teams.Distinct())
        {
            if (await guard.CheckAsync(caller, PortalAction.EditRules, attempted, subject, team) is { Allowed: false } decision)
            {
                return decision.Reason;
            }
        }

        return null;
    }
}
