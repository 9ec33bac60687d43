using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Catalog;

/// <summary>Deleted rules: listed per namespace, shown at their own address, and restored with their history.</summary>
internal sealed partial class RuleStore
{
    /// <summary>Said for rules deleted before the portal recorded who deleted them.</summary>
    internal const string UnknownDeleter = "someone (not recorded)";

    public async Task<IReadOnlyList<TrashedRule>?> TrashAsync(string @namespace, CancellationToken ct)
    {
        if (!StorableText.IsStorable(@namespace))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = await db.Namespaces.AsNoTracking().FirstOrDefaultAsync(n => n.Name == @namespace, ct);
        if (ns is null)
        {
            return null;
        }

        return await db.Rules.AsNoTracking()
            .Where(r => r.Group.NamespaceId == ns.Id && r.DeletedAt != null)
            .OrderByDescending(r => r.DeletedAt).ThenBy(r => r.Name)
            .Select(r => new TrashedRule(r.Id, ns.Name, r.Group.Name, r.Kind, r.Name, r.VersionNumber, r.DeletedAt!.Value,
                r.DeletedBy ?? UnknownDeleter, ns.Team))
            .ToListAsync(ct);
    }

    public async Task<TrashedRule?> DeletedRuleAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await WithAnyNamespace(db).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return row is null ? null : Trashed(row);
    }

    public async Task<StoreResult<RuleDetail>> RestoreDeletedAsync(Guid id, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await WithAnyNamespace(db).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return StoreResult<RuleDetail>.NotFound("rule");
        }

        var ns = row.Group.Namespace;
        var subject = $"{ns.Name}/{row.Group.Name}/{row.Name}";
        if (await RefusalAsync(caller, "rule.restore", subject, ns.Team) is { } refusal)
        {
            return StoreResult<RuleDetail>.Forbidden(refusal);
        }

        if (ns.DeletedAt is not null)
        {
            return new StoreResult<RuleDetail>(StoreOutcome.NotFound, null, [new FieldError("namespace",
                $"The rule's namespace {ns.Name} was deleted by {ns.DeletedBy} at {ns.DeletedAt:u}; a rule cannot be restored into a deleted namespace.")]);
        }

        if (row.DeletedAt is null)
        {
            return StoreResult<RuleDetail>.Ok(Detail(row), changed: false);
        }

        if (ReadOnly(ns) is { } archived)
        {
            return StoreResult<RuleDetail>.Invalid([archived]);
        }

        if (await db.Rules.AnyAsync(r => r.GroupId == row.GroupId && r.DeletedAt == null && r.Name == row.Name, ct))
        {
            return CreatedMeanwhile<RuleDetail>("name",
                $"Group {row.Group.Name} of {ns.Name} already has a rule named {row.Name}: rename or delete that one first, then restore this one.");
        }

        var now = clock.GetUtcNow();
        (row.DeletedAt, row.DeletedBy) = (null, null);
        row.Position = await NextPositionAsync(db, row.GroupId, ct);
        // A version of its own, with the content it had, so the history says when and by whom it came back.
        WriteVersion(db, row, row.ToContent(), caller.Name, now, "restored from the trash");
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "rule.restore", subject));
        return await SaveOrConflictAsync(db, row, caller, ct);
    }

    private static IQueryable<RuleRow> WithAnyNamespace(PortalDbContext db) =>
        db.Rules.IgnoreQueryFilters().Include(r => r.Group).ThenInclude(g => g.Namespace);

    private static TrashedRule? Trashed(RuleRow row)
    {
        var ns = row.Group.Namespace;
        return (row.DeletedAt, ns.DeletedAt) switch
        {
            ({ } at, _) => new TrashedRule(row.Id, ns.Name, row.Group.Name, row.Kind, row.Name, row.VersionNumber, at, row.DeletedBy ?? UnknownDeleter, ns.Team),
            (null, { } at) => new TrashedRule(row.Id, ns.Name, row.Group.Name, row.Kind, row.Name, row.VersionNumber, at, ns.DeletedBy ?? UnknownDeleter, ns.Team)
            {
                WithNamespace = true,
            },
            _ => null,
        };
    }
}
