namespace Portal.Domain.Capacity;

/// <summary>What one measurement gave: a value, or why there is none.</summary>
public readonly record struct Measured(double? Value, string? Problem = null)
{
    public static Measured Of(double value) => new(value);

    public static Measured Failed(string problem) => new(null, problem);
}

/// <summary>Memory budgets and service baselines judged from measured numbers.</summary>
public static class CapacityJudging
{
    /// <summary>
    /// The p95 may come this close to its target before the baseline is in warning: 0.9 means the last 10 % below it.
    /// Chosen so that a service drifting towards its ceiling is seen before it passes.
    /// </summary>
    public const double BaselineWarningFraction = 0.9;

    /// <summary>
    /// Each component's use against its budget and what the host has left after the reserve and every component;
    /// <paramref name="components"/> is in the order of the spec's components.
    /// </summary>
    public static MemoryBudgetView Budget(MemoryBudgetSpec spec, Measured total, IReadOnlyList<Measured> components)
    {
        var uses = spec.Components.Select((c, i) =>
        {
            var m = i < components.Count ? components[i] : Measured.Failed("not measured");
            return new MemoryBudgetUse(c, m.Value, m.Value is { } used && used > c.BudgetBytes, m.Value is null ? m.Problem ?? "The query answered no data." : null);
        }).ToList();
        var totalBytes = total.Value is { } t && double.IsFinite(t) && t > 0 ? t : (double?)null;
        var problem = totalBytes is null ? total.Problem ?? "The host's total memory is not known." : null;
        double? free = totalBytes is { } known ? known - spec.ReserveBytes - uses.Sum(u => u.UsedBytes ?? 0) : null;
        return new MemoryBudgetView(spec, totalBytes, uses, free, problem);
    }

    /// <summary>
    /// Latency decides: above the target p95 is critical, within its last 10 % a warning. Throughput above the target
    /// means the service carries more load than the baseline was set for, which is at least a warning: the latency
    /// figure no longer says what it would at the planned load.
    /// </summary>
    public static ServiceBaselineView Baseline(ServiceBaselineSpec spec, Measured p95, Measured perSecond)
    {
        var problems = new[] { p95.Problem, perSecond.Problem }.Where(p => p is not null).ToList();
        var problem = problems.Count > 0 ? string.Join(" ", problems) : null;
        if (p95.Value is not { } latency || !double.IsFinite(latency))
        {
            var status = p95.Problem is not null ? CapacityBand.Error : CapacityBand.NoData;
            return new ServiceBaselineView(spec, null, Finite(perSecond.Value), status, problem ?? "The p95 latency query answered no data.");
        }

        var band = latency > spec.TargetP95Seconds ? CapacityBand.Critical
            : latency > BaselineWarningFraction * spec.TargetP95Seconds ? CapacityBand.Warning
            : CapacityBand.Ok;
        if (band == CapacityBand.Ok && perSecond.Value is { } rate && rate > spec.TargetPerSecond)
        {
            band = CapacityBand.Warning;
        }

        return new ServiceBaselineView(spec, latency, Finite(perSecond.Value), band, problem);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
