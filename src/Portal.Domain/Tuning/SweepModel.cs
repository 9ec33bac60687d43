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

/// <summary>Why no threshold is suggested, for scripts; the explanation says it in words.</summary>
public static class SuggestionWithheld
{
    public const string NoData = "no-data";
    public const string Coverage = "coverage";
    public const string Flat = "flat";
    public const string Operator = "operator";
    public const string OverBudget = "over-budget";
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
/// The threshold that keeps the rule within its noise and firing-time budgets, and how far the current
/// one is from it. <see cref="Threshold"/> is null when none is suggested; <see cref="Withheld"/> then
/// says why (one of <see cref="SuggestionWithheld"/>) and <see cref="WithheldReason"/> in words.
/// </summary>
/// <param name="Distance">Suggested minus current threshold.</param>
/// <param name="FiringBudget">Share of the covered time the alert may spend firing.</param>
/// <param name="FiringShare">Share of the covered time the alert would have fired at the suggestion.</param>
/// <param name="CurrentFiringShare">The same at the current threshold.</param>
public sealed record ThresholdSuggestion(
    double Budget,
    string BudgetSource,
    double FiringBudget,
    double CurrentThreshold,
    double CurrentAlertsPerWeek,
    double CurrentFiringShare,
    double? Threshold,
    double? AlertsPerWeek,
    double? FiringShare,
    double? Distance,
    string? Withheld,
    string? WithheldReason,
    string Explanation);

/// <summary>
/// The alerts/week curve (thresholds ascending), the value quantiles, the suggestion and how much of the
/// range had data. <see cref="Unavailable"/> says why there is no curve (an <c>==</c> or <c>!=</c> rule
/// has no stricter or looser threshold); <see cref="Points"/> then holds only the current threshold.
/// </summary>
public sealed record SweepResult(IReadOnlyList<SweepPoint> Points, ValueQuantiles? Quantiles, ThresholdSuggestion Suggestion, Coverage Coverage, string? Unavailable = null);
