namespace Portal.Infrastructure.Capacity;

/// <summary>
/// Measures every stored model, budget and baseline against the live Prometheus: one batched range query per
/// refresh (not one per card), cached briefly so many open pages cost one evaluation.
/// </summary>
public interface ICapacityEvaluator
{
    Task<CapacityReport> EvaluateAsync(CancellationToken ct);
}
