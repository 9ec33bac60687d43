using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Health;

internal sealed class PrometheusHealthCheck(IPrometheus prometheus) : TimedHealthCheck
{
    protected override async Task ProbeAsync(Dictionary<string, object> details, CancellationToken ct)
    {
        details["url"] = prometheus.BaseAddress.ToString();
        var build = await prometheus.BuildInfoAsync(ct);
        details["version"] = build.Version;
    }
}
