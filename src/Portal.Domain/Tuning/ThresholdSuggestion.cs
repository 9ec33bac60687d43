namespace Portal.Domain.Tuning;

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
