using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Infrastructure.Prometheus;
using StackExchange.Redis;

namespace Portal.Infrastructure.Health;

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
