namespace Portal.Domain.Tuning;

/// <summary>How a <see cref="ThresholdSweep"/> spreads its thresholds and which noise budget it suggests for.</summary>
public sealed record SweepOptions
{
    public static readonly IReadOnlyDictionary<string, double> DefaultBudgets =
        new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["critical"] = 1, ["warning"] = 5 };

    /// <summary>Evenly spaced thresholds from the lowest to the highest observed value.</summary>
    public int GridPoints { get; init; } = 200;

    /// <summary>The rule's <c>severity</c> label; it picks the budget from <see cref="BudgetsBySeverity"/>.</summary>
    public string? Severity { get; init; }

    /// <summary>Alerts per week allowed; when set, it wins over the severity's budget.</summary>
    public double? Budget { get; init; }

    public IReadOnlyDictionary<string, double> BudgetsBySeverity { get; init; } = DefaultBudgets;

    /// <summary>The budget for a severity the table does not know (or none).</summary>
    public double FallbackBudget { get; init; } = 5;

    /// <summary>
    /// Share of the covered time the alert may spend firing at the suggested threshold. Without it a
    /// threshold below the usual values "fits" any alerts budget: it fires once and never stops.
    /// </summary>
    public double FiringBudget { get; init; } = 0.02;

    /// <summary>Less covered time than this is too little to advise on (statistics are still given).</summary>
    public TimeSpan MinCoverage { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A smaller share of the range with data is too little to advise on.</summary>
    public double MinCoverageShare { get; init; } = 0.5;
}
