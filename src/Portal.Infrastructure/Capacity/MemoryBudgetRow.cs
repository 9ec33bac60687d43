using Portal.Domain.Capacity;

namespace Portal.Infrastructure.Capacity;

public sealed record MemoryBudgetRow(Guid Id, string Team, MemoryBudgetSpec Spec, uint Version, DateTimeOffset UpdatedAt, string UpdatedBy);
