using System.Text.RegularExpressions;
using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

/// <summary>One selector of an expression that the live pass asks Prometheus about.</summary>
/// <param name="Metric">The metric name, written before the braces or as <c>__name__="..."</c>; null when the selector names none.</param>
/// <param name="Matchers">The label matchers other than the metric name's.</param>
public sealed record LiveSelector(string? Metric, IReadOnlyList<LabelMatcher> Matchers, TextSpan Span);
