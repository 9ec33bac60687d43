using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Cluster;

/// <summary>A replica as its last heartbeat described it.</summary>
public sealed record ReplicaInfo(string Name, string? Url, string Version, DateTimeOffset StartedAt, DateTimeOffset LastSeen);

/// <summary>How often a replica reports, and how long it stays listed after its last report (four missed beats).</summary>
public static class ReplicaLiveness
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
}

/// <summary>The replicas sharing this database, from their heartbeats.</summary>
public interface IReplicaDirectory
{
    /// <summary>The replicas heard of within <paramref name="window"/> (by the database's clock), by name.</summary>
    Task<IReadOnlyList<ReplicaInfo>> RecentAsync(TimeSpan window, CancellationToken ct);
}

internal sealed class ReplicaDirectory(IDbContextFactory<PortalDbContext> factory, ReplicaIdentity self) : IReplicaDirectory
{
    /// <summary>The most replicas listed: a directory full of stale names must not make the Health page unbounded.</summary>
    internal const int Limit = 100;

    public static string Version { get; } = typeof(ReplicaDirectory).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public async Task<IReadOnlyList<ReplicaInfo>> RecentAsync(TimeSpan window, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // The database's clock on both sides of the comparison: replicas on other machines may disagree on the time.
        var seconds = window.TotalSeconds;
        return await db.Replicas
            .FromSqlInterpolated($"SELECT * FROM replicas WHERE last_seen > now() - make_interval(secs => {seconds})")
            .AsNoTracking()
            .OrderBy(r => r.Name)
            .Take(Limit)
            .Select(r => new ReplicaInfo(r.Name, r.Url, r.Version, r.StartedAt, r.LastSeen))
            .ToListAsync(ct);
    }

    /// <summary>Says "still here": inserts this replica's row or refreshes it, stamped with the database's time.</summary>
    public async Task BeatAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = Truncate(self.Name, ReplicaModel.NameLength);
        var url = self.Url is null ? null : Truncate(self.Url, ReplicaModel.UrlLength);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO replicas (name, url, version, started_at, last_seen)
            VALUES ({name}, {url}, {Version}, {self.StartedAt}, now())
            ON CONFLICT (name) DO UPDATE SET url = excluded.url, version = excluded.version,
                started_at = excluded.started_at, last_seen = excluded.last_seen
            """, ct);
    }

    /// <summary>A replica that stops in order leaves the list at once instead of a minute later.</summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = Truncate(self.Name, ReplicaModel.NameLength);
        var started = self.StartedAt;
        // Only its own row: a replica restarted under the same name may already have replaced it.
        await db.Replicas.Where(r => r.Name == name && r.StartedAt == started).ExecuteDeleteAsync(ct);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
