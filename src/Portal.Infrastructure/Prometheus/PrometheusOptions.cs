namespace Portal.Infrastructure.Prometheus;

public sealed class PrometheusOptions
{
    public const string Section = "Prometheus";

    public Uri Url { get; set; } = new("http://127.0.0.1:59090");

    /// <summary>Prometheus' global evaluation_interval, used for rule groups that set none.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound for one HTTP attempt; a query slower than this is reported as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Queries a long uncached range is cut into and asked side by side (<see cref="Caching.RangeChunks.Runs"/>). Prometheus
    /// evaluates one query on one core, so two halves of a week come back in a little over half the time on a server with
    /// cores to spare; 1 asks for each run in one query. Each piece is read under the limits below.
    /// </summary>
    public int RangeQueryPieces { get; set; } = 2;

    /// <summary>A range answer with more series than this is refused while it is read (Prometheus 2.42's query_range has no limit).</summary>
    public int MaxRangeSeries { get; set; } = 2_000;

    /// <summary>A range answer with more samples than this (kept or cut series alike) is refused while it is read.</summary>
    public long MaxRangeSamples { get; set; } = 6_000_000;

    /// <summary>Sent as <c>limit</c> to the metadata endpoints that honour it (metadata in 2.42; series, labels and values from 2.49 on).</summary>
    public int MetadataLimit { get; set; } = 10_000;

    /// <summary>A metadata answer larger than this is cut off and refused, for the Prometheus versions that ignore <c>limit</c>.</summary>
    public int MaxMetadataBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>A /api/v1/rules answer larger than this is refused while it is read (it carries every alert of every rule).</summary>
    public int MaxRulesBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Series kept per alerting rule when /api/v1/rules is read; the rest are counted, not kept.</summary>
    public int MaxAlertsPerRule { get; set; } = 1_000;
}
