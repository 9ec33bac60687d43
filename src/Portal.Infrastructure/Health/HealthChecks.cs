using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;
using StackExchange.Redis;

namespace Portal.Infrastructure.Health;

/// <summary>
/// Each check reports its own dependency as unhealthy when it cannot be used; whether that makes
/// the whole portal unhealthy or only degraded is decided once, by Domain's HealthPolicy.
/// </summary>
internal abstract class TimedHealthCheck : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var details = new Dictionary<string, object>();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProbeAsync(details, ct);
            details["latency_ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            return HealthCheckResult.Healthy(data: details);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            details["latency_ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            return HealthCheckResult.Unhealthy(Describe(e), e, details);
        }
    }

    protected abstract Task ProbeAsync(Dictionary<string, object> details, CancellationToken ct);

    protected virtual string Describe(Exception e) => e.Message;
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> factory) : TimedHealthCheck
{
    protected override async Task ProbeAsync(Dictionary<string, object> details, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        details["provider"] = "postgresql";
        details["database"] = db.Database.GetDbConnection().Database;
        await db.Database.OpenConnectionAsync(ct);
        var tables = await db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'")
            .SingleAsync(ct);
        details["tables_accessible"] = tables;
    }
}

internal sealed class CacheHealthCheck(Lazy<IConnectionMultiplexer> redis) : TimedHealthCheck
{
    protected override async Task ProbeAsync(Dictionary<string, object> details, CancellationToken ct)
    {
        details["provider"] = "redis";
        var db = redis.Value.GetDatabase();
        await db.PingAsync();
        var info = (string?)await db.ExecuteAsync("INFO", "memory") ?? "";
        var usedMemory = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        if (usedMemory is not null && long.TryParse(usedMemory["used_memory:".Length..], out var bytes))
        {
            details["memory_used_mb"] = Math.Round(bytes / 1024.0 / 1024.0, 1);
        }
    }
}

internal sealed class PrometheusHealthCheck(IPrometheus prometheus) : TimedHealthCheck
{
    protected override async Task ProbeAsync(Dictionary<string, object> details, CancellationToken ct)
    {
        details["url"] = prometheus.BaseAddress.ToString();
        var build = await prometheus.BuildInfoAsync(ct);
        details["version"] = build.Version;
    }
}

/// <summary>
/// The published rule files: degraded when a live file was edited or deleted by hand (drift) or a target
/// still waits for its reload, so people notice before the next publish overwrites the edit.
/// </summary>
internal sealed class RulesHealthCheck(Publishing.IPublisher publisher, Publishing.ReleaseStore releases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var details = new Dictionary<string, object>();
        var problems = new List<string>();
        foreach (var drift in await publisher.DriftAsync(ct))
        {
            details[drift.Target] = drift.Release is { } n ? $"release {n}" : "nothing published yet";
            if (drift.HasDrift)
            {
                problems.Add($"{drift.Target}: {string.Join(", ", drift.Files.Select(f => $"{f.FileName} {(f.Kind == Publishing.DriftKind.Missing ? "deleted" : "edited")} outside the portal"))}");
            }
        }

        foreach (var pending in await releases.PendingAsync(ct))
        {
            problems.Add($"{pending.Target}: release {pending.ReleaseNumber} waits for a reload ({pending.Detail})");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy(data: details)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: details);
    }
}
