namespace Portal.Domain.Tuning;

/// <summary>
/// The alerts/week curve (thresholds ascending), the value quantiles, the suggestion and how much of the
/// range had data. <see cref="Unavailable"/> says why there is no curve (an <c>==</c> or <c>!=</c> rule
/// has no stricter or looser threshold); <see cref="Points"/> then holds only the current threshold.
/// </summary>
public sealed record SweepResult(IReadOnlyList<SweepPoint> Points, ValueQuantiles? Quantiles, ThresholdSuggestion Suggestion, Coverage Coverage, string? Unavailable = null);
