using Portal.Domain.Tuning;

namespace Portal.Domain.Capacity;

/// <summary>Judges one model from what Prometheus answered: current value, utilization, band, forecast and the sentence.</summary>
public static class CapacityAssessor
{
    /// <summary>
    /// <paramref name="problem"/> is set when the query failed or answered several series: then nothing is judged.
    /// <paramref name="limit"/> is the fixed limit or the limit query's latest value (null when it answered nothing).
    /// </summary>
    public static CapacityAssessment Assess(CapacityModelSpec spec, IReadOnlyList<Sample> usage, double? limit, DateTimeOffset now, string? problem = null)
    {
        if (problem is not null)
        {
            return Failed(problem, limit);
        }

        if (LimitProblem(spec, limit) is { } badLimit)
        {
            return Failed(badLimit, limit);
        }

        var current = Latest(usage);
        if (current is not { } value)
        {
            const string noData = "The usage query answered no data in the window.";
            return new CapacityAssessment(null, limit, null, CapacityBand.NoData, null, CapacityRecommendation.NoData, noData);
        }

        var utilization = value / limit!.Value;
        var band = Band(utilization, spec.Warning, spec.Critical);
        var forecast = CapacityForecasting.Fit(usage, limit.Value, spec.Warning, spec.Critical, now);
        return new CapacityAssessment(value, limit, utilization, band, forecast, CapacityRecommendation.Sentence(spec, utilization, limit.Value, forecast));
    }

    public static CapacityBand Band(double utilization, double warning, double critical) =>
        !double.IsFinite(utilization) ? CapacityBand.Error
        : utilization >= critical ? CapacityBand.Critical
        : utilization >= warning ? CapacityBand.Warning
        : CapacityBand.Ok;

    /// <summary>The newest finite sample's value; null when there is none.</summary>
    public static double? Latest(IReadOnlyList<Sample> samples)
    {
        Sample? latest = null;
        foreach (var s in samples)
        {
            if (double.IsFinite(s.Value) && (latest is null || s.TimestampMs >= latest.Value.TimestampMs))
            {
                latest = s;
            }
        }

        return latest?.Value;
    }

    /// <summary>Why the limit cannot be measured against; null when it can.</summary>
    public static string? LimitProblem(CapacityModelSpec spec, double? limit)
    {
        if (limit is not { } value)
        {
            return "The limit query answered no data, so there is nothing to measure against.";
        }

        if (!double.IsFinite(value))
        {
            return $"The limit is {value}, not a finite number.";
        }

        if (value <= 0)
        {
            // Redis reports maxmemory 0 when it may grow without bound: say so rather than divide by zero.
            return spec.Limit.Query is { } query && query.Contains("maxmemory", StringComparison.OrdinalIgnoreCase)
                ? "No maxmemory set: Redis reports 0, meaning it may use all of the host's memory. Set maxmemory, or give this model a fixed limit."
                : $"The limit is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be above zero.";
        }

        return null;
    }

    private static CapacityAssessment Failed(string problem, double? limit) =>
        new(null, limit, null, CapacityBand.Error, null, CapacityRecommendation.Failed(problem), problem);
}
