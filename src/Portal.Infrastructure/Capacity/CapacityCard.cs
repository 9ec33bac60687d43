using Portal.Domain.Capacity;
using Portal.Domain.Tuning;

namespace Portal.Infrastructure.Capacity;

/// <summary>One model as its card shows it: the assessment and the trend window behind it (usage and, for a query limit, the limit).</summary>
public sealed record CapacityCard(CapacityModelRow Model, CapacityAssessment Assessment, IReadOnlyList<Sample> Usage, IReadOnlyList<Sample> Limit);
