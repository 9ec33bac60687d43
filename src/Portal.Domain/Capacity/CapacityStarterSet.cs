namespace Portal.Domain.Capacity;

/// <summary>What the empty Capacity page offers to create in one step for the portal's own stack.</summary>
public sealed record CapacityStarterSet(
    IReadOnlyList<CapacityModelSpec> Models,
    IReadOnlyList<MemoryBudgetSpec> Budgets,
    IReadOnlyList<ServiceBaselineSpec> Baselines);
