namespace Portal.Domain.Lint;

public enum MetricType
{
    Unknown,
    Counter,
    Gauge,
    Histogram,
    Summary,
}
