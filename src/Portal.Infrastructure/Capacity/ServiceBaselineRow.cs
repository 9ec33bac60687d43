using Portal.Domain.Capacity;

namespace Portal.Infrastructure.Capacity;

public sealed record ServiceBaselineRow(Guid Id, string Team, ServiceBaselineSpec Spec, uint Version, DateTimeOffset UpdatedAt, string UpdatedBy);
