namespace Portal.Domain.Capacity;

/// <summary>
/// What a team records about one limited resource: how to measure its use, what it is limited by, and where they
/// want to be warned. <see cref="Warning"/> and <see cref="Critical"/> are fractions of the limit (0.85 = 85 %).
/// <see cref="Unit"/> is how values are shown: "bytes", "connections", "series", "percent" or free text.
/// </summary>
public sealed record CapacityModelSpec(
    string Name,
    string UsageQuery,
    CapacityLimit Limit,
    string Unit,
    double Warning,
    double Critical,
    IReadOnlyList<CapacityMark> Marks)
{
    public string? Description { get; init; }

    /// <summary>The runbook an on-call engineer should follow when this model is in warning or critical.</summary>
    public string? RunbookSlug { get; init; }
}
