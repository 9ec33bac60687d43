namespace Portal.Infrastructure.Prometheus;

/// <summary>One series of an instant-vector result.</summary>
public sealed record InstantSample(IReadOnlyDictionary<string, string> Labels, DateTimeOffset At, double Value);
