using System.Globalization;

namespace Portal.Domain.Incidents;

/// <summary>Times computed from a timeline: time to acknowledge, mitigate and resolve, against the severity's expectation.</summary>
public static class IncidentClock
{
    public static ResponseTimes Measure(DateTimeOffset startedAt, IReadOnlyList<TimelineEntry> timeline, SeverityLevel? severity)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new ResponseTimes(
            Since(startedAt, timeline, TimelineKind.Acknowledged),
            Since(startedAt, timeline, TimelineKind.Mitigated),
            Since(startedAt, timeline, TimelineKind.Resolved),
            severity?.ExpectedResponse);
    }

    /// <summary>The first entry of a kind (by time, not by order of writing); one written before the start counts as zero.</summary>
    private static TimeSpan? Since(DateTimeOffset startedAt, IReadOnlyList<TimelineEntry> timeline, TimelineKind kind)
    {
        DateTimeOffset? first = null;
        foreach (var entry in timeline)
        {
            if (entry.Kind == kind && (first is null || entry.At < first))
            {
                first = entry.At;
            }
        }

        return first is { } at ? (at > startedAt ? at - startedAt : TimeSpan.Zero) : null;
    }

    /// <summary>"14m", "2h 5m", "3d 4h": how durations read on the incident page and in exports.</summary>
    /// <remarks>Two units at most: past an hour nobody reads the seconds. Under a minute, seconds.</remarks>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Format(duration.Duration());
        }

        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 60)
        {
            return N(seconds) + "s";
        }

        var minutes = seconds / 60;
        if (minutes < 60)
        {
            return N(minutes) + "m";
        }

        var hours = minutes / 60;
        if (hours < 24)
        {
            return minutes % 60 == 0 ? N(hours) + "h" : $"{N(hours)}h {N(minutes % 60)}m";
        }

        var days = hours / 24;
        return hours % 24 == 0 ? N(days) + "d" : $"{N(days)}d {N(hours % 24)}h";
    }
}
