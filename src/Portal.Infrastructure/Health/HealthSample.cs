using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Infrastructure.Health;

/// <summary>One check's result at one moment, kept for the health page's history chart.</summary>
public sealed record HealthSample(DateTimeOffset At, string Component, HealthStatus Status, double LatencyMs);
