namespace Portal.Domain.Health;

/// <summary>What one health check found: its state, how long it took and, when it failed, why.</summary>
public sealed record ComponentHealth(
    string Name,
    HealthState State,
    TimeSpan Latency,
    string? Error,
    IReadOnlyDictionary<string, object?> Details);
