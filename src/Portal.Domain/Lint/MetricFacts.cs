using System.Text.RegularExpressions;
using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

/// <summary>What Prometheus has seen of one metric over the lookback, as far as it was asked.</summary>
/// <param name="LabelNames">Every label name on the metric's series; null when it was not asked or not answered.</param>
/// <param name="LabelValues">The values seen for the labels the selector compares with equality.</param>
public sealed record MetricFacts(string Metric, IReadOnlySet<string>? LabelNames, IReadOnlyDictionary<string, IReadOnlyList<string>> LabelValues);
