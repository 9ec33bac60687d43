namespace Portal.Infrastructure.Prometheus;

/// <summary>One series of a range result: its labels and (time, value) samples in time order.</summary>
public sealed record RangeSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset At, double Value)> Samples);
