using Portal.Domain.RuleFiles;

namespace Portal.Domain.PromQl;

/// <summary>PromQL's view of <see cref="PromDuration"/>: durations as TimeSpans, offsets may be negative.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        var ok = PromDuration.TryParse(text, out var parsed);
        duration = ok ? parsed.ToTimeSpan() : TimeSpan.Zero;
        return ok;
    }

    /// <summary>The canonical text Prometheus prints, e.g. 90 s as `1m30s` and zero as `0s`.</summary>
    public static string Format(TimeSpan duration) =>
        duration < TimeSpan.Zero
            ? "-" + PromDuration.FromTimeSpan(-duration)
            : PromDuration.FromTimeSpan(duration).ToString();
}
