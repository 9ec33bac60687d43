namespace Portal.Domain.Live;

/// <summary>One series of an alerting rule as a target evaluates it.</summary>
public sealed record LiveSeries(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    LiveState State,
    DateTimeOffset? ActiveAt,
    double Value);
