using System.Globalization;
using System.Text.Json;

namespace Portal.Infrastructure.Prometheus;

/// <summary>How much of a range answer the portal reads before refusing it: series, samples and the longest single value.</summary>
public sealed record RangeReadLimits(int MaxSeries, long MaxSamples, int MaxTokenBytes = 16 * 1024 * 1024)
{
    public static readonly RangeReadLimits Unbounded = new(int.MaxValue, long.MaxValue, Array.MaxLength);

    public static RangeReadLimits From(PrometheusOptions options) => new(options.MaxRangeSeries, options.MaxRangeSamples);
}
