using Portal.Domain.Capacity;

namespace Portal.Infrastructure.Capacity;

/// <summary>A stored capacity model. <see cref="Version"/> is the row version an edit must start from.</summary>
public sealed record CapacityModelRow(Guid Id, string Team, CapacityModelSpec Spec, uint Version, DateTimeOffset UpdatedAt, string UpdatedBy);
