namespace Portal.Domain.Capacity;

/// <summary>
/// How a host's memory is shared out: the host's total (a number of bytes or a query), a reserve kept for the
/// system, and each component's budget with the query that measures what it uses.
/// </summary>
public sealed record MemoryBudgetSpec(
    string Name,
    CapacityLimit Total,
    double ReserveBytes,
    IReadOnlyList<MemoryBudgetComponent> Components);

/// <summary>One service's share of a host: its budget in bytes and the query for the bytes it uses now.</summary>
public sealed record MemoryBudgetComponent(string Name, string UsageQuery, double BudgetBytes);
