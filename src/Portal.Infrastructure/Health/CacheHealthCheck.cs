using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;
using StackExchange.Redis;

namespace Portal.Infrastructure.Health;

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
