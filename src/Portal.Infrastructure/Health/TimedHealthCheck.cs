using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
