namespace Portal.Domain.Incidents;

/// <summary>
/// One alternative setting of the rule, backtested: at <paramref name="Threshold"/> and <paramref name="For"/> it would
/// have fired <paramref name="Earlier"/> before the rule in force did (null: it would not have fired in the window),
/// at the cost of <paramref name="ExtraAlertsPerWeek"/> more alerts a week over the history looked at.
/// </summary>
public sealed record EarlierDetectionOption(double Threshold, TimeSpan For, TimeSpan? Earlier, double ExtraAlertsPerWeek, string Sentence);
