using BenchmarkDotNet.Attributes;
using Portal.Api;
using Portal.Domain.Health;

namespace Portal.Benchmarks.Health;

/// <summary>/health is polled by every load balancer and monitor; its rendering must stay negligible.</summary>
[MemoryDiagnoser]
public class HealthBenchmarks
{
    private readonly ComponentHealth[] _components =
    [
        new("db", HealthState.Healthy, TimeSpan.FromMilliseconds(3), null, new Dictionary<string, object?> { ["latency_ms"] = 3.1, ["database"] = "portal", ["tables_accessible"] = 12 }),
        new("cache", HealthState.Unhealthy, TimeSpan.FromMilliseconds(2), "connection refused", new Dictionary<string, object?> { ["provider"] = "redis" }),
        new("prometheus", HealthState.Healthy, TimeSpan.FromMilliseconds(4), null, new Dictionary<string, object?> { ["version"] = "2.42.0" }),
    ];

    [Benchmark]
    public string RenderHealthJson() =>
        HealthEndpoints.Render(HealthPolicy.Overall(_components), _components, DateTimeOffset.UnixEpoch, "0.1.0", TimeSpan.FromHours(5));
}
