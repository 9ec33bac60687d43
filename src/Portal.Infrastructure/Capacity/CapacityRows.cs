namespace Portal.Infrastructure.Capacity;

// Persistence shapes of capacity. Only CapacityStore touches them; pages and the API see the records of ICapacityStore.
// Marks and budget components are small lists always read and written with their row, so they are jsonb columns
// rather than child tables: no joins, and a save replaces the whole list as the form does.

/// <summary>What the generic budget and baseline writes need of a row.</summary>
internal interface IOwnedRow
{
    Guid Id { get; set; }
    string Team { get; }
    DateTimeOffset CreatedAt { get; set; }
    uint Version { get; set; }
}

internal sealed class CapacityModelEntity
{
    public Guid Id { get; set; }
    public string Team { get; set; } = "";
    public string Name { get; set; } = "";
    public string UsageQuery { get; set; } = "";
    public double? LimitValue { get; set; }
    public string? LimitQuery { get; set; }
    public string Unit { get; set; } = "";
    public double Warning { get; set; }
    public double Critical { get; set; }
    public string Marks { get; set; } = "[]";
    public string? Description { get; set; }
    public string? RunbookSlug { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}

internal sealed class MemoryBudgetEntity : IOwnedRow
{
    public Guid Id { get; set; }
    public string Team { get; set; } = "";
    public string Name { get; set; } = "";
    public double? TotalValue { get; set; }
    public string? TotalQuery { get; set; }
    public double ReserveBytes { get; set; }
    public string Components { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}

internal sealed class ServiceBaselineEntity : IOwnedRow
{
    public Guid Id { get; set; }
    public string Team { get; set; } = "";
    public string Service { get; set; } = "";
    public string LatencyP95Query { get; set; } = "";
    public double TargetP95Seconds { get; set; }
    public string ThroughputQuery { get; set; } = "";
    public double TargetPerSecond { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}
