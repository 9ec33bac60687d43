namespace Portal.Infrastructure.Incidents;

/// <summary>
/// How much an incident may hold. Every one is a bound on work: a hostile or runaway client cannot make an incident,
/// its page or its export grow without end.
/// </summary>
public static class IncidentBounds
{
    public const int MaxTitle = 200;
    public const int MaxBody = 100_000;
    public const int MaxReason = 500;
    public const int MaxTimeline = 2_000;
    public const int MaxTimelineText = 10_000;
    public const int MaxActions = 200;
    public const int MaxActionText = 2_000;
    public const int MaxLink = 2_000;
    public const int MaxOwner = 200;
    public const int MaxLabels = 64;
    public const int MaxLabelName = 256;
    public const int MaxLabelValue = 1_024;
    public const int MaxSeverityName = 50;
    public const int MaxSeverityLevels = 20;
    public const int MaxLabelValuesPerLevel = 20;
    public const int MaxDescription = 500;
    public const int MaxTemplateKey = 80;
    public const int MaxTemplateName = 200;
    public const int MaxTemplates = 100;
    public const int MaxOpenActions = 1_000;

    /// <summary>Timeline entries are not before this: an earlier time is a typo (or a zero date), not an incident.</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of now a time may be: clocks disagree a little, never by more than a day.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);
}
