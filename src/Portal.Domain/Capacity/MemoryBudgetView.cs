namespace Portal.Domain.Capacity;

/// <summary>A budget measured: each component's use against its budget, and what is left of the host.</summary>
public sealed record MemoryBudgetView(
    MemoryBudgetSpec Spec,
    double? TotalBytes,
    IReadOnlyList<MemoryBudgetUse> Components,
    double? FreeBytes,
    string? Problem = null);

/// <summary><see cref="UsedBytes"/> is null when the query failed or answered nothing (<see cref="Problem"/> says which).</summary>
public sealed record MemoryBudgetUse(MemoryBudgetComponent Component, double? UsedBytes, bool OverBudget, string? Problem = null);
