namespace Portal.Domain.Capacity;

/// <summary>
/// What one service is expected to deliver: a p95 latency ceiling and a throughput floor, each with the query that
/// measures it (seconds and requests per second).
/// </summary>
public sealed record ServiceBaselineSpec(
    string Service,
    string LatencyP95Query,
    double TargetP95Seconds,
    string ThroughputQuery,
    double TargetPerSecond);
