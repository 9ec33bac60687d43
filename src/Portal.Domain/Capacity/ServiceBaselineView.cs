namespace Portal.Domain.Capacity;

/// <summary>A baseline against what was measured now; a null measurement has its reason in <see cref="Problem"/>.</summary>
public sealed record ServiceBaselineView(
    ServiceBaselineSpec Spec,
    double? P95Seconds,
    double? PerSecond,
    CapacityBand Status,
    string? Problem = null);
