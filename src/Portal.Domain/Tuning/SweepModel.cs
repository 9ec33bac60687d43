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
}

/// <summary>Why a threshold is on the curve; one threshold can be several of these at once.</summary>
[Flags]
public enum SweepMarks
{
    None = 0,
    Grid = 1,
    P50 = 2,
    P90 = 4,
    P99 = 8,
    P999 = 16,
    Max = 32,
    Current = 64,
}

/// <summary>What the rule would have done over the range at one threshold.</summary>
public sealed record SweepPoint(double Threshold, SweepMarks Marks, int FiringEpisodes, double AlertsPerWeek, double FiringHours);

/// <summary>Quantiles of all finite sample values in the range (Prometheus' <c>quantile</c> interpolation).</summary>
public sealed record ValueQuantiles(long Count, double Min, double P50, double P90, double P99, double P999, double Max);

/// <summary>
/// The threshold that keeps the rule within its noise budget, and how far the current one is from it.
/// <see cref="Threshold"/> is null when no threshold in the observed range meets the budget.
/// </summary>
/// <param name="Distance">Suggested minus current threshold.</param>
public sealed record ThresholdSuggestion(
    double Budget,
    string BudgetSource,
    double CurrentThreshold,
    double CurrentAlertsPerWeek,
    double? Threshold,
    double? AlertsPerWeek,
    double? Distance,
    string Explanation);

/// <summary>The alerts/week curve (thresholds ascending), the value quantiles and the suggestion.</summary>
public sealed record SweepResult(IReadOnlyList<SweepPoint> Points, ValueQuantiles? Quantiles, ThresholdSuggestion Suggestion);
