using Portal.Domain.Capacity;

namespace Portal.Infrastructure.Capacity;

/// <summary>A save from the form or the API: <see cref="Id"/> null creates; <see cref="Version"/> is what the edit started from (0 when new).</summary>
public sealed record CapacityModelEdit(Guid? Id, string Team, CapacityModelSpec Spec, uint Version);
