using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

/// <summary>Releases in PostgreSQL: the read side the pages use, and the few writes the publisher makes.</summary>
internal sealed class ReleaseStore(IDbContextFactory<PortalDbContext> factory) : IReleaseStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<IReadOnlyList<ReleaseSummary>> ListAsync(int skip, int take, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Releases.AsNoTracking()
            .OrderByDescending(r => r.Number)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 500))
            .Select(r => new { Release = r, r.Targets, FileCount = r.Files.Count })
            .ToListAsync(ct);
        return rows.Select(r => Summary(r.Release, r.Targets, r.FileCount)).ToList();
    }

    public async Task<ReleaseDetail?> GetAsync(long number, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Releases.AsNoTracking().Include(r => r.Files).Include(r => r.Targets).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Number == number, ct);
        return row is null ? null : new ReleaseDetail(Summary(row, row.Targets, row.Files.Count), Files(row.Files), Changes(row));
    }

    public async Task<IReadOnlyList<RuleChange>?> DiffAsync(long from, long to, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var files = await db.ReleaseFiles.AsNoTracking().Where(f => f.ReleaseNumber == from || f.ReleaseNumber == to).ToListAsync(ct);
        var known = await db.Releases.CountAsync(r => r.Number == from || r.Number == to, ct);
        if (known < (from == to ? 1 : 2))
        {
            return null;
        }

        return ReleaseDiff.Between(Parsed(files.Where(f => f.ReleaseNumber == from)), Parsed(files.Where(f => f.ReleaseNumber == to)));
    }

    /// <summary>The newest release with its files, or null before the first publish.</summary>
    internal async Task<(ReleaseRow Release, IReadOnlyList<ReleaseFile> Files)?> LatestAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Releases.AsNoTracking().Include(r => r.Files).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        return row is null ? null : (row, Files(row.Files));
    }

    /// <summary>
    /// The release whose files <paramref name="target"/>'s directory holds: the newest one written there and
    /// not taken back (live, or waiting for a reload). Null when the portal never published there.
    /// </summary>
    internal async Task<(long Number, IReadOnlyList<ReleaseFile> Files)?> OnDiskAsync(string target, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var number = await db.ReleaseTargets.AsNoTracking()
            .Where(t => t.Target == target && (t.Outcome == TargetOutcome.Live || t.Outcome == TargetOutcome.PendingReload))
            .OrderByDescending(t => t.ReleaseNumber)
            .Select(t => (long?)t.ReleaseNumber)
            .FirstOrDefaultAsync(ct);
        if (number is not { } n)
        {
            return null;
        }

        var files = await db.ReleaseFiles.AsNoTracking().Where(f => f.ReleaseNumber == n).ToListAsync(ct);
        return (n, Files(files));
    }

    internal async Task<ReleaseDetail?> FilesOfAsync(long number, CancellationToken ct) => await GetAsync(number, ct);

    internal async Task CreateAsync(ReleaseRow release, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Releases.Add(release);
        await db.SaveChangesAsync(ct);
    }

    internal async Task<long> NextNumberAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Releases.MaxAsync(r => (long?)r.Number, ct) ?? 0) + 1;
    }

    internal async Task RecordAsync(long release, TargetResult result, int attempts, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.ReleaseTargets.FirstOrDefaultAsync(t => t.ReleaseNumber == release && t.Target == result.Target, ct);
        if (row is null)
        {
            row = new ReleaseTargetRow { ReleaseNumber = release, Target = result.Target };
            db.ReleaseTargets.Add(row);
        }

        (row.Outcome, row.Detail, row.At, row.Attempts) = (result.Outcome, result.Detail, result.At, attempts);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Targets waiting for a reload, newest release first per target (older pending rows are superseded).</summary>
    internal async Task<IReadOnlyList<ReleaseTargetRow>> PendingAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = await db.ReleaseTargets.AsNoTracking().Where(t => t.Outcome == TargetOutcome.PendingReload).ToListAsync(ct);
        return pending.GroupBy(t => t.Target).Select(g => g.MaxBy(t => t.ReleaseNumber)!).ToList();
    }

    internal static IReadOnlyList<ReleaseFile> Files(IEnumerable<ReleaseFileRow> rows) =>
        rows.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f => new ReleaseFile(f.Namespace, f.FileName, f.Content)).ToList();

    internal static IReadOnlyDictionary<string, RuleFile> Parsed(IEnumerable<ReleaseFile> files) =>
        files.ToDictionary(f => f.Namespace, ParsedFiles.Of);

    private static IReadOnlyDictionary<string, RuleFile> Parsed(IEnumerable<ReleaseFileRow> rows) => Parsed(Files(rows));

    private static IReadOnlyList<RuleChange> Changes(ReleaseRow row) =>
        JsonSerializer.Deserialize<List<RuleChange>>(row.Changes, Json) ?? [];

    private static ReleaseSummary Summary(ReleaseRow row, IEnumerable<ReleaseTargetRow> targets, int fileCount) => new(
        row.Number, row.At, row.Actor, row.Note,
        targets.OrderBy(t => t.Target, StringComparer.Ordinal).Select(t => new TargetResult(t.Target, t.Outcome, t.Detail, t.At)).ToList(),
        row.HeldBack, row.RollbackOf, fileCount, Changes(row).Count);
}
