using Portal.Domain.Tuning;

namespace Portal.Domain.Capacity;

/// <summary>
/// A straight line through a model's recent usage, robust enough for real exporters: missing and non-finite samples
/// are skipped, a restart (a sudden large drop) starts the fit afresh, and outliers barely move it (Theil–Sen: the
/// median of the slopes between every pair of points). The work is bounded: at most <see cref="MaxPoints"/> points go
/// into the pairwise step, whatever the input holds.
/// </summary>
public static class CapacityForecasting
{
    /// <summary>Points kept for the pairwise slopes: 400 points are 79,800 pairs, a few milliseconds.</summary>
    public const int MaxPoints = 400;

    /// <summary>Fewer points than this say nothing about a trend.</summary>
    public const int MinPoints = 3;

    /// <summary>
    /// Rise over the fitted window, as a fraction of the limit, below which usage counts as flat: Theil–Sen on noisy
    /// flat data gives a small slope of either sign, and a forecast of "the limit in 40 years" would be noise.
    /// </summary>
    public const double FlatFraction = 0.01;

    /// <summary>Forecasts further out than this are not forecasts; the "until" is left empty (and TimeSpan cannot overflow).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(3650);

    private const double MsPerDay = 86_400_000d;

    /// <summary>
    /// The trend of <paramref name="usage"/> and when it reaches <paramref name="warning"/>, <paramref name="critical"/>
    /// (fractions of <paramref name="limit"/>) and the limit itself, counted from <paramref name="now"/>; null when fewer
    /// than <see cref="MinPoints"/> usable points follow the last reset.
    /// </summary>
    public static CapacityForecast? Fit(IReadOnlyList<Sample> usage, double limit, double warning, double critical, DateTimeOffset now)
    {
        if (Line(usage) is not { } line)
        {
            return null;
        }

        var limitUsable = double.IsFinite(limit) && limit > 0;
        var scale = limitUsable ? limit : Math.Max(Math.Abs(line.Intercept), 1e-12);
        var growing = line.SlopePerMs > 0 && line.SlopePerMs * line.SpanMs >= FlatFraction * scale;
        var level = line.At(now);
        TimeSpan? Until(double fraction) => growing && limitUsable ? Reach(level, fraction * limit, line.SlopePerMs) : null;
        return new CapacityForecast(line.SlopePerMs * MsPerDay, growing, Until(warning), Until(critical), Until(1.0), line.Points) { LevelNow = level };
    }

    /// <summary>When the forecast's line reaches <paramref name="fraction"/> of <paramref name="limit"/> (a named mark); null as for the forecast's own levels.</summary>
    public static TimeSpan? Until(CapacityForecast forecast, double limit, double fraction) =>
        forecast.Growing && forecast.LevelNow is { } level && double.IsFinite(limit) && limit > 0
            ? Reach(level, fraction * limit, forecast.SlopePerDay / MsPerDay)
            : null;

    /// <summary>The fitted line's value at <paramref name="at"/>: what a chart draws as the trend; null as for <see cref="Fit"/>.</summary>
    public static double? Project(IReadOnlyList<Sample> usage, DateTimeOffset at) => Line(usage)?.At(at);

    private sealed record FittedLine(double SlopePerMs, double Intercept, long OriginMs, long SpanMs, int Points)
    {
        public double At(DateTimeOffset at) => Intercept + SlopePerMs * (at.ToUnixTimeMilliseconds() - OriginMs);
    }

    private static FittedLine? Line(IReadOnlyList<Sample> usage)
    {
        var points = AfterLastReset(Usable(usage));
        if (points.Count < MinPoints)
        {
            return null;
        }

        points = Downsample(points, MaxPoints);
        var slope = MedianPairSlope(points);
        var origin = points[0].TimestampMs;
        var intercept = Median(points.Select(p => p.Value - slope * (p.TimestampMs - origin)).ToArray());
        return new FittedLine(slope, intercept, origin, points[^1].TimestampMs - origin, points.Count);
    }

    private static TimeSpan? Reach(double level, double target, double slopePerMs)
    {
        if (level >= target)
        {
            return null;
        }

        var ms = (target - level) / slopePerMs;
        return ms <= Horizon.TotalMilliseconds ? TimeSpan.FromMilliseconds(Math.Ceiling(ms)) : null;
    }

    /// <summary>Finite samples in time order, one per timestamp (the last wins, as a re-scrape would).</summary>
    private static List<Sample> Usable(IReadOnlyList<Sample> usage)
    {
        var list = new List<Sample>(usage.Count);
        foreach (var s in usage)
        {
            if (double.IsFinite(s.Value))
            {
                list.Add(s);
            }
        }

        list.Sort((a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        var unique = new List<Sample>(list.Count);
        foreach (var s in list)
        {
            if (unique.Count > 0 && unique[^1].TimestampMs == s.TimestampMs)
            {
                unique[^1] = s;
            }
            else
            {
                unique.Add(s);
            }
        }

        return unique;
    }

    /// <summary>
    /// The points after the last reset: a fall to less than half the previous value that is also more than a quarter of
    /// the window's whole range. Both conditions, so that noise around a level (never halving it) and a small value
    /// wobbling near zero (halving, but tiny against the range) are not taken for restarts.
    /// </summary>
    private static List<Sample> AfterLastReset(List<Sample> points)
    {
        if (points.Count < 2)
        {
            return points;
        }

        var min = points.Min(p => p.Value);
        var max = points.Max(p => p.Value);
        var range = max - min;
        var start = 0;
        for (var i = 1; i < points.Count; i++)
        {
            var previous = points[i - 1].Value;
            var drop = previous - points[i].Value;
            if (previous > 0 && drop > 0.5 * previous && drop > 0.25 * range)
            {
                start = i;
            }
        }

        return start == 0 ? points : points.GetRange(start, points.Count - start);
    }

    /// <summary>At most <paramref name="max"/> points: the median of each of that many equal slices of the list, at its middle time.</summary>
    private static List<Sample> Downsample(List<Sample> points, int max)
    {
        if (points.Count <= max)
        {
            return points;
        }

        var result = new List<Sample>(max);
        for (var b = 0; b < max; b++)
        {
            var from = (int)((long)b * points.Count / max);
            var to = (int)((long)(b + 1) * points.Count / max);
            var values = new double[to - from];
            for (var i = from; i < to; i++)
            {
                values[i - from] = points[i].Value;
            }

            result.Add(new Sample(points[(from + to - 1) / 2].TimestampMs, Median(values)));
        }

        return result;
    }

    private static double MedianPairSlope(List<Sample> points)
    {
        var slopes = new double[points.Count * (points.Count - 1) / 2];
        var n = 0;
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                // Timestamps are distinct after Usable, so dx is never zero.
                slopes[n++] = (points[j].Value - points[i].Value) / (points[j].TimestampMs - points[i].TimestampMs);
            }
        }

        return Median(slopes.AsSpan(0, n).ToArray());
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
