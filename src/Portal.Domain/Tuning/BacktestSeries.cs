using Portal.Domain.RuleFiles;

namespace Portal.Domain.Tuning;

/// <summary>
/// A series of the rule's query: the labels its alert would carry and its values at evaluation times.
/// A <c>__name__</c> label is dropped, as Prometheus drops it from alert labels.
/// </summary>
public sealed record BacktestSeries(LabelMap Labels, IReadOnlyList<Sample> Samples);
