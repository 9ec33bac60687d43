using Prometheus;

namespace Portal.Infrastructure.Metrics;

/// <summary>
/// The portal's own metrics. Their names are part of the product: the starter rules and the
/// teams' own dashboards and rules query them, so renaming one breaks somebody's alert.
/// </summary>
public static class PortalMetrics
{
    private static readonly double[] FastBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
    private static readonly double[] SlowBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public static readonly Counter HttpRequests = global::Prometheus.Metrics.CreateCounter(
        "http_requests_total", "HTTP requests handled, by method and status code.",
        new CounterConfiguration { LabelNames = ["method", "code"] });

    public static readonly Counter CacheRequests = global::Prometheus.Metrics.CreateCounter(
        "cache_requests_total", "Query cache lookups, by result (hit, miss, error).",
        new CounterConfiguration { LabelNames = ["result"] });

    public static readonly Histogram CacheLookupDuration = global::Prometheus.Metrics.CreateHistogram(
        "cache_lookup_duration_seconds", "Time spent looking a query up in the cache.",
        new HistogramConfiguration { Buckets = FastBuckets });

    public static readonly Histogram PrometheusQueryDuration = global::Prometheus.Metrics.CreateHistogram(
        "prometheus_query_duration_seconds", "Time spent waiting for Prometheus' HTTP API, by endpoint.",
        new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = SlowBuckets });

    public static readonly Counter Publishes = global::Prometheus.Metrics.CreateCounter(
        "portal_publish_total", "Rule publications, by outcome.",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Histogram PublishDuration = global::Prometheus.Metrics.CreateHistogram(
        "portal_publish_duration_seconds", "Time from the start of a publish to its last target's outcome (render, promtool, write, reload, verify).",
        new HistogramConfiguration { Buckets = SlowBuckets });

    public static readonly Gauge RulesDrift = global::Prometheus.Metrics.CreateGauge(
        "portal_rules_drift", "1 when a target's rules directory no longer holds the files of the release published there (edited or deleted by hand).",
        new GaugeConfiguration { LabelNames = ["target"] });

    public static readonly Histogram DbQueryDuration = global::Prometheus.Metrics.CreateHistogram(
        "db_query_duration_seconds", "Time spent executing database commands.",
        new HistogramConfiguration { Buckets = FastBuckets });

    /// <summary>
    /// Creates every known label combination at zero, so rules over these series have data from
    /// the first scrape instead of "no data" until the first event.
    /// </summary>
    public static void Initialize()
    {
        foreach (var result in new[] { "hit", "miss", "error" })
        {
            CacheRequests.WithLabels(result);
        }

        foreach (var outcome in new[] { "success", "pending", "failed", "rolled_back" })
        {
            Publishes.WithLabels(outcome);
        }
    }
}
