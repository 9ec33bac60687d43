namespace Portal.Domain.Incidents;

/// <summary>Times computed from a timeline: time to acknowledge, mitigate and resolve, against the severity's expectation.</summary>
public static class IncidentClock
{
    public static ResponseTimes Measure(DateTimeOffset startedAt, IReadOnlyList<TimelineEntry> timeline, SeverityLevel? severity) =>
        throw new NotImplementedException();

    /// <summary>"14m", "2h 5m", "3d 4h": how durations read on the incident page and in exports.</summary>
    public static string Format(TimeSpan duration) => throw new NotImplementedException();
}
