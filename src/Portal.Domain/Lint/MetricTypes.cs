namespace Portal.Domain.Lint;

public static class MetricTypes
{
    /// <summary>Reads the type names Prometheus' metadata API uses; anything else is unknown.</summary>
    public static MetricType Parse(string? type) => type switch
    {
        "counter" => MetricType.Counter,
        "gauge" => MetricType.Gauge,
        "histogram" or "gaugehistogram" => MetricType.Histogram,
        "summary" => MetricType.Summary,
        _ => MetricType.Unknown,
    };
}
