using Portal.Domain.Capacity;

namespace Portal.Infrastructure.Capacity;

/// <summary>
/// Everything the Capacity page and <c>GET /api/v1/capacity</c> show, evaluated at <see cref="EvaluatedAt"/> over
/// <see cref="Window"/>. <see cref="Unavailable"/> says why Prometheus could not answer (then the cards carry the
/// last good values, or errors).
/// </summary>
public sealed record CapacityReport(
    DateTimeOffset EvaluatedAt,
    TimeSpan Window,
    IReadOnlyList<CapacityCard> Models,
    IReadOnlyList<MemoryBudgetView> Budgets,
    IReadOnlyList<ServiceBaselineView> Baselines,
    string? Unavailable = null);
