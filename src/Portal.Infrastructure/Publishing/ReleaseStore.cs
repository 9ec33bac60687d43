using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

/// <summary>Releases in PostgreSQL: the read side the pages use, and the few writes the publisher makes.</summary>
internal sealed class ReleaseStore(IDbContextFactory<PortalDbContext> factory, ParsedFiles parsedFiles) : IReleaseStore
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
            // Not the diff nor the rule versions: a release's diff can run to megabytes, a list shows its count.
            .Select(r => new
            {
                Release = new ReleaseRow
                {
                    Number = r.Number, At = r.At, Actor = r.Actor, Note = r.Note, RollbackOf = r.RollbackOf,
                    HeldBack = r.HeldBack, Scope = r.Scope, ChangeCount = r.ChangeCount,
                },
                r.Targets,
                FileCount = r.Files.Count,
            })
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

    /// <summary>
    /// What each target verifiably holds, namespace by namespace, with whether the directory still has those
    /// exact bytes (a file edited or deleted by hand is not level, so the next publish writes it again).
    /// </summary>
    internal async Task<TargetState> StateAsync(IReadOnlyList<PublishTargetOptions> targets, CancellationToken ct)
    {
        var rows = await TargetFilesAsync(targets, ct);
        var holdings = new List<TargetHolding>();
        var live = new List<TargetLive>();
        foreach (var target in targets)
        {
            var held = rows.Where(r => r.Target == target.Name).OrderBy(r => r.Namespace, StringComparer.Ordinal).ToList();
            var files = held.ToDictionary(r => r.Namespace,
                r => new HeldFile(r.Namespace, r.Team, new ReleaseFile(r.Namespace, r.FileName, r.Content), r.Release, OnDisk(target, r)),
                StringComparer.Ordinal);
            holdings.Add(new TargetHolding(target.Name, files));
            live.Add(new TargetLive(target.Name, held.Count == 0 ? null : held.Max(r => r.Release),
                held.Select(r => new LiveFile(r.Namespace, r.Team, r.FileName, r.Checksum, r.Release, r.VerifiedAt)).ToList(),
                files.Values.Sum(h => parsedFiles.Of(h.File).AllRules.Count()),
                files.Values.Where(h => !h.OnDisk).Select(h => target.FilePrefix + h.File.FileName).ToList()));
        }

        return new TargetState(holdings, live);
    }

    private async Task<List<TargetFileRow>> TargetFilesAsync(IReadOnlyList<PublishTargetOptions> targets, CancellationToken ct)
    {
        var names = targets.Select(t => t.Name).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.TargetFiles.AsNoTracking().Where(f => names.Contains(f.Target)).ToListAsync(ct);
    }

    private static bool OnDisk(PublishTargetOptions target, TargetFileRow row)
    {
        var path = Path.Combine(target.RulesDirectory, target.FilePrefix + row.FileName);
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == System.Text.Encoding.UTF8.GetByteCount(row.Content) && File.ReadAllText(path) == row.Content;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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

    /// <summary>
    /// Records one target's outcome of a release and, in the same transaction, moves the target's verified
    /// files: namespaces loaded as published now point at this release, removed ones are forgotten.
    /// </summary>
    /// <summary>
    /// Records a target's outcome and, for the namespaces that settled, what the target now holds. This is on
    /// every publish's critical path, so it is one batch (one round trip, one implicit transaction): upsert the
    /// outcome, remove the files that went, upsert the files that came.
    /// </summary>
    internal async Task RecordAsync(long release, TargetResult result, int attempts, IReadOnlyList<NamespaceWrite> writes, CancellationToken ct)
    {
        var settled = result.Namespaces.Where(n => n.Kind is NamespaceOutcomeKind.Live or NamespaceOutcomeKind.Removed).Select(n => n.Namespace).ToHashSet(StringComparer.Ordinal);
        var kept = writes.Where(w => settled.Contains(w.Namespace) && w.File is not null).ToList();
        var removed = writes.Where(w => settled.Contains(w.Namespace) && w.File is null).Select(w => w.Namespace).ToArray();

        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            INSERT INTO release_targets (release_number, target, outcome, detail, at, attempts, namespaces)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
            ON CONFLICT (release_number, target) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail,
                at = excluded.at, attempts = excluded.attempts, namespaces = excluded.namespaces
            """, release, result.Target, result.Outcome.ToString(), Text(result.Detail), result.At, attempts, JsonSerializer.Serialize(result.Namespaces, Json)));
        if (removed.Length > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM target_files WHERE target = $1 AND namespace = ANY($2)", result.Target, removed));
        }

        if (kept.Count > 0)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO target_files (target, namespace, team, file_name, content, checksum, release, verified_at)
                SELECT $1, f.namespace, f.team, f.file_name, f.content, f.checksum, $2, $3
                FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS f(namespace, team, file_name, content, checksum)
                ON CONFLICT (target, namespace) DO UPDATE SET team = excluded.team, file_name = excluded.file_name, content = excluded.content,
                    checksum = excluded.checksum, release = excluded.release, verified_at = excluded.verified_at
                """, result.Target, release, result.At,
                kept.Select(w => w.Namespace).ToArray(), kept.Select(w => w.Team).ToArray(), kept.Select(w => w.File!.FileName).ToArray(),
                kept.Select(w => w.File!.Content).ToArray(), kept.Select(w => w.File!.Checksum).ToArray()));
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is NpgsqlParameter parameter ? parameter : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    /// <summary>Targets waiting for a reload, newest release first per target (older pending rows are superseded).</summary>
    internal async Task<IReadOnlyList<ReleaseTargetRow>> PendingAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = await db.ReleaseTargets.AsNoTracking().Where(t => t.Outcome == TargetOutcome.PendingReload).ToListAsync(ct);
        return pending.GroupBy(t => t.Target).Select(g => g.MaxBy(t => t.ReleaseNumber)!).ToList();
    }

    internal static IReadOnlyList<ReleaseFile> Files(IEnumerable<ReleaseFileRow> rows) =>
        rows.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f => new ReleaseFile(f.Namespace, f.FileName, f.Content)).ToList();

    private IReadOnlyDictionary<string, RuleFile> Parsed(IEnumerable<ReleaseFileRow> rows) =>
        Files(rows).ToDictionary(f => f.Namespace, parsedFiles.Of);

    private static IReadOnlyList<RuleChange> Changes(ReleaseRow row) =>
        JsonSerializer.Deserialize<List<RuleChange>>(row.Changes, Json) ?? [];

    private static ReleaseSummary Summary(ReleaseRow row, IEnumerable<ReleaseTargetRow> targets, int fileCount) => new(
        row.Number, row.At, row.Actor, row.Note,
        targets.OrderBy(t => t.Target, StringComparer.Ordinal)
            .Select(t => new TargetResult(t.Target, t.Outcome, t.Detail, t.At) { Namespaces = JsonSerializer.Deserialize<List<NamespaceOutcome>>(t.Namespaces, Json) ?? [] })
            .ToList(),
        row.HeldBack, row.RollbackOf, fileCount, row.ChangeCount)
    {
        Scope = row.Scope,
    };
}
