namespace Portal.Domain.Capacity;

/// <summary>
/// Capacity models, a memory budget and baselines for the services this portal itself runs on: its own process,
/// PostgreSQL (postgres_exporter), Redis (redis_exporter), Prometheus and the host (node_exporter). Every query is
/// wrapped in max() or sum() so that it answers one series even when a job is scraped by both Prometheus servers.
/// The figures follow the users' own documents: a 500-connection pool with autoscale at 375 and a cliff at 450
/// (75 % and 90 %), host memory lines at 85 % and 94 %, and a 4 GB host shared out as backend 500 MB,
/// PostgreSQL 800 MB, Redis 300 MB and Prometheus 200 MB with the rest kept for the system.
/// </summary>
public static class StarterCapacity
{
    private const double MiB = 1024 * 1024;

    public static CapacityStarterSet Set { get; } = new(Models(), [Budget()], Baselines());

    private static IReadOnlyList<CapacityModelSpec> Models() =>
    [
        new("Portal process memory", "max(process_working_set_bytes{job=\"portal\"})", CapacityLimit.Fixed(500 * MiB), "bytes", 0.8, 0.95, [])
        {
            Description = "Working set (memory held in RAM) of the portal's own process, as prometheus-net reports it, against the 500 MB its budget allows. Change the limit when the portal runs with a different memory limit.",
        },
        new("PostgreSQL connections", "sum(pg_stat_activity_count)", CapacityLimit.FromQuery("max(pg_settings_max_connections)"), "connections", 0.75, 0.9,
            [new CapacityMark("autoscale", 0.75), new CapacityMark("cliff", 0.9)])
        {
            Description = "Open server connections against max_connections. Add capacity at the autoscale mark; past the cliff new connections start to be refused under load.",
        },
        new("Redis memory", "max(redis_memory_used_bytes)", CapacityLimit.FromQuery("max(redis_config_maxmemory)"), "bytes", 0.8, 0.9, [])
        {
            Description = "Memory Redis uses against its maxmemory. When maxmemory is 0 Redis has no limit of its own; the card says so, and a fixed limit can be set instead.",
        },
        new("Prometheus head series", "max(prometheus_tsdb_head_series)", CapacityLimit.Fixed(1_000_000), "series", 0.8, 0.9, [])
        {
            Description = "Active series in the head block of the busiest Prometheus server. Memory grows with them; one million is a comfortable ceiling for a small server.",
        },
        new("Data disk", "max(node_filesystem_size_bytes{mountpoint=\"/\"} - node_filesystem_avail_bytes{mountpoint=\"/\"})",
            CapacityLimit.FromQuery("max(node_filesystem_size_bytes{mountpoint=\"/\"})"), "bytes", 0.8, 0.9, [])
        {
            Description = "Used space of the file system holding the PostgreSQL, Redis and Prometheus data directories (the root file system here; change the mountpoint when the data lives elsewhere).",
        },
        new("Host memory", "max(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes)", CapacityLimit.FromQuery("max(node_memory_MemTotal_bytes)"), "bytes", 0.85, 0.94, [])
        {
            Description = "Memory in use on the host (total minus available) against its total, with the 85 % and 94 % lines of the memory-monitoring guide.",
        },
    ];

    // PostgreSQL's server processes are not measured by its exporter; shared buffers plus one work_mem per open
    // connection is the usual estimate of what it may use, and the component is named as an estimate.
    private static MemoryBudgetSpec Budget() => new(
        "Host memory budget",
        CapacityLimit.FromQuery("max(node_memory_MemTotal_bytes)"),
        640 * MiB,
        [
            new MemoryBudgetComponent("Portal", "max(process_working_set_bytes{job=\"portal\"})", 500 * MiB),
            new MemoryBudgetComponent("PostgreSQL (estimate)", "max(pg_settings_shared_buffers_bytes) + sum(pg_stat_activity_count) * max(pg_settings_work_mem_bytes)", 800 * MiB),
            new MemoryBudgetComponent("Redis", "max(redis_memory_used_rss_bytes)", 300 * MiB),
            new MemoryBudgetComponent("Prometheus", "max(process_resident_memory_bytes{job=\"prometheus\"})", 200 * MiB),
        ]);

    private static IReadOnlyList<ServiceBaselineSpec> Baselines() =>
    [
        new("Portal HTTP",
            "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"portal\"}[5m])))", 0.2,
            "sum(rate(http_requests_total{job=\"portal\"}[5m]))", 100),
        new("Prometheus HTTP API",
            "histogram_quantile(0.95, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket{job=\"prometheus\"}[5m])))", 0.5,
            "sum(rate(prometheus_http_requests_total{job=\"prometheus\"}[5m]))", 50),
    ];
}
