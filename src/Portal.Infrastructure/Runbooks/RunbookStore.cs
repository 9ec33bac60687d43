using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Runbooks;

/// <summary>
/// Runbooks in PostgreSQL: reads here, writes in RunbookStore.Writes.cs, search in RunbookStore.Search.cs, rule links
/// and templates in RunbookStore.Links.cs.
/// </summary>
internal sealed partial class RunbookStore(IDbContextFactory<PortalDbContext> factory, TimeProvider clock, Access.AccessGuard guard,
    Cluster.IChangeFeed? changes = null) : IRunbookStore
{
    public async Task<IReadOnlyList<RunbookSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Live(db).OrderBy(r => r.Title).ThenBy(r => r.Slug)
            .Select(r => new
            {
                r.Slug, r.Title, r.Tags, r.Team, r.UpdatedAt, r.UpdatedBy, r.ReviewIntervalDays, r.LastReviewedAt, r.CreatedAt,
                Linked = db.Rules.Count(rule => rule.RunbookId == r.Id && rule.DeletedAt == null),
            })
            .ToListAsync(ct);
        return rows.Select(r => new RunbookSummary(r.Slug, r.Title, r.Tags, r.Team, r.UpdatedAt, r.UpdatedBy,
                r.ReviewIntervalDays is { } days ? (r.LastReviewedAt ?? r.CreatedAt).AddDays(days) : null, r.Linked))
            .ToList();
    }

    public async Task<RunbookLookup> FindAsync(string slug, CancellationToken ct)
    {
        if (!RunbookSlug.IsValid(slug))
        {
            return new RunbookLookup(null, null);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await Live(db).FirstOrDefaultAsync(r => r.Slug == slug, ct) is { } row)
        {
            return new RunbookLookup(Detail(row), null);
        }

        var renamedTo = await db.RunbookRedirects.AsNoTracking()
            .Where(r => r.Slug == slug)
            .Join(Live(db), redirect => redirect.RunbookId, runbook => runbook.Id, (_, runbook) => runbook.Slug)
            .FirstOrDefaultAsync(ct);
        return new RunbookLookup(null, renamedTo);
    }

    public async Task<IReadOnlyList<RunbookRevisionInfo>> RevisionsAsync(string slug, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, slug, ct) is not { } id)
        {
            return [];
        }

        return await db.RunbookRevisions.AsNoTracking().Where(r => r.RunbookId == id).OrderByDescending(r => r.Number)
            .Select(r => new RunbookRevisionInfo(r.Number, r.At, r.By, r.Reason, r.Title, r.Slug))
            .ToListAsync(ct);
    }

    public async Task<RunbookRevision?> RevisionAsync(string slug, int number, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, slug, ct) is not { } id)
        {
            return null;
        }

        var r = await db.RunbookRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.RunbookId == id && r.Number == number, ct);
        return r is null ? null : new RunbookRevision(new RunbookRevisionInfo(r.Number, r.At, r.By, r.Reason, r.Title, r.Slug), r.Tags, r.Team, r.Body);
    }

    /// <summary>Now, to the microsecond PostgreSQL keeps: what a write returns equals what a later read finds.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    private static IQueryable<RunbookRow> Live(PortalDbContext db) => db.Runbooks.AsNoTracking().Where(r => r.DeletedAt == null);

    /// <summary>The id of the live runbook under <paramref name="slug"/> or renamed away from it; null for neither.</summary>
    private static async Task<Guid?> ResolveAsync(PortalDbContext db, string slug, CancellationToken ct)
    {
        if (!RunbookSlug.IsValid(slug))
        {
            return null;
        }

        var id = await Live(db).Where(r => r.Slug == slug).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        return id ?? await db.RunbookRedirects.AsNoTracking().Where(r => r.Slug == slug)
            .Join(Live(db), redirect => redirect.RunbookId, runbook => runbook.Id, (_, runbook) => (Guid?)runbook.Id)
            .FirstOrDefaultAsync(ct);
    }

    private static RunbookDetail Detail(RunbookRow r) =>
        new(r.Id, r.Slug, r.Title, r.Tags, r.Team, r.Body, r.ReviewIntervalDays, r.LastReviewedAt, r.LastReviewedBy,
            r.Revision, r.UpdatedAt, r.UpdatedBy, r.Version)
        {
            CreatedAt = r.CreatedAt,
        };

    /// <summary>The policy's reason when the caller may not change runbooks of every one of <paramref name="teams"/>; the refusal is audited.</summary>
    private async Task<string?> RefusalAsync(Caller caller, string attempted, string subject, params string?[] teams)
    {
        foreach (var team in teams.Distinct())
        {
            if (await guard.CheckAsync(caller, PortalAction.EditRunbooks, attempted, subject, team) is { Allowed: false } decision)
            {
                return decision.Reason;
            }
        }

        return null;
    }

    private static async Task<FieldError?> NoSuchTeamAsync(PortalDbContext db, string team, string field, CancellationToken ct) =>
        await db.Teams.AnyAsync(t => t.Name == team, ct)
            ? null
            : new FieldError(field, $"There is no team \"{(team.Length <= 63 ? team : team[..63] + "…")}\": an Admin creates teams on the Admin page.");
}
