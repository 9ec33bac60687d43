using Portal.Components.Shared.Charts;

namespace Portal.Features.Home;

/// <summary>
/// Made-up data for the home page's "Try it" chart: a daily-ish wave with noise and one burst, the
/// same for every visitor (fixed seed) and always ending at the given time.
/// </summary>
internal static class DemoData
{
    public const double Threshold = 170;
    private static readonly TimeSpan Span = TimeSpan.FromHours(6);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<TimePoint> RequestRate(DateTimeOffset end)
    {
        var random = new Random(20261123);
        var start = end - Span;
        var burstAt = start + TimeSpan.FromHours(4);
        var points = new List<TimePoint>();
        for (var t = start; t <= end; t += Step)
        {
            var hours = (t - start).TotalHours;
            var wave = 120 + 35 * Math.Sin(2 * Math.PI * hours / 3);
            var noise = (random.NextDouble() - 0.5) * 14;
            var minutesFromBurst = (t - burstAt).TotalMinutes;
            var burst = 70 * Math.Exp(-minutesFromBurst * minutesFromBurst / 200);
            points.Add(new TimePoint(t, Math.Round(wave + noise + burst, 1)));
        }

        return points;
    }

    /// <summary>
    /// The stretches in which the series is above <paramref name="threshold"/>; dips shorter than
    /// <paramref name="bridge"/> do not end a stretch, as noise would otherwise cut it into slivers.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Above(IReadOnlyList<TimePoint> points, double threshold, TimeSpan bridge)
    {
        var ranges = new List<(DateTimeOffset From, DateTimeOffset To)>();
        DateTimeOffset? from = null;
        for (var i = 0; i < points.Count; i++)
        {
            var above = points[i].Value > threshold;
            if (above && from is null)
            {
                if (ranges.Count > 0 && points[i].Time - ranges[^1].To <= bridge)
                {
                    from = ranges[^1].From;
                    ranges.RemoveAt(ranges.Count - 1);
                }
                else
                {
                    from = points[i].Time;
                }
            }
            else if (!above && from is { } f)
            {
                ranges.Add((f, points[i - 1].Time));
                from = null;
            }
        }

        if (from is { } last)
        {
            ranges.Add((last, points[^1].Time));
        }

        return ranges;
    }
}
