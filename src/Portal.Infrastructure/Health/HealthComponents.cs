using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Domain.Health;

namespace Portal.Infrastructure.Health;

/// <summary>ASP.NET's health report as the portal's components.</summary>
public static class HealthComponents
{
    /// <summary>As /health reports them; the conversion lives here so the page, /health and the API agree.</summary>
    public static IReadOnlyList<ComponentHealth> From(HealthReport report) =>
        report.Entries
            .Select(e => new ComponentHealth(
                e.Key,
                e.Value.Status switch
                {
                    HealthStatus.Healthy => HealthState.Healthy,
                    HealthStatus.Degraded => HealthState.Degraded,
                    _ => HealthState.Unhealthy,
                },
                e.Value.Duration,
                e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description ?? e.Value.Exception?.Message ?? "check failed",
                e.Value.Data.ToDictionary(d => d.Key, d => (object?)d.Value)))
            .ToList();
}
