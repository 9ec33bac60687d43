using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

/// <summary>
/// The judging half of lint against a live Prometheus: which selectors to ask about, and what the
/// answers mean. Infrastructure asks; everything here is pure. No finding is ever an error: a metric
/// may be absent for good reasons (a new exporter, a recording rule not yet published, a quiet week).
/// </summary>
public static class LiveLint
{
    public const string MetricUnknown = "live-metric-unknown";
    public const string LabelUnknown = "live-label-unknown";
    public const string ValueUnknown = "live-label-value-unknown";
    public const string Cost = "live-cost";
    public const string Result = "live-result";
    public const string EvaluationFailed = "live-evaluation-error";
    public const string QueryFailed = "live-query-error";
    public const string Skipped = "live-skipped";
    public const string Truncated = "live-selectors-truncated";

    private const string Field = "expr";

    /// <summary>
    /// The distinct selectors of a parsed expression in source order (a selector written twice is asked
    /// about once, at its first place), at most <paramref name="max"/>; <paramref name="more"/> says how many were left out.
    /// </summary>
    public static IReadOnlyList<LiveSelector> Selectors(Expr root, int max, out int more)
    {
        ArgumentNullException.ThrowIfNull(root);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selectors = new List<LiveSelector>();
        more = 0;
        foreach (var selector in PromQlAst.Selectors(root).OrderBy(s => s.Span.Start))
        {
            var metric = selector.Name ?? selector.Matchers.FirstOrDefault(m => m.Name == "__name__" && m.Op == MatchOp.Equal)?.Value;
            var matchers = selector.Matchers.Where(m => m.Name != "__name__").ToList();
            var key = metric + "{" + string.Join(",", matchers.Select(m => $"{m.Name}{m.Op}{m.Value}")) + "}";
            if (!seen.Add(key))
            {
                continue;
            }

            if (selectors.Count >= max)
            {
                more++;
                continue;
            }

            selectors.Add(new LiveSelector(metric, matchers, selector.Span));
        }

        return selectors;
    }

    /// <summary>
    /// The findings about one selector: its metric never seen (with the closest names seen), a label the
    /// metric never carries, or an equality value the label never takes (with the closest ones).
    /// </summary>
    /// <param name="knownMetrics">Every metric name seen over the lookback.</param>
    /// <param name="facts">What is known of the selector's metric; null when it was not asked.</param>
    public static IReadOnlyList<LintFinding> Judge(string expression, LiveSelector selector, IReadOnlyCollection<string> knownMetrics, MetricFacts? facts, LiveLintLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(knownMetrics);
        limits ??= LiveLintLimits.Default;
        if (selector.Metric is not { } metric)
        {
            return [];
        }

        if (!Contains(knownMetrics, metric))
        {
            return [UnknownMetric(expression, selector, Suggestions.Closest(metric, knownMetrics, limits.MaxSuggestions), limits.Lookback)];
        }

        if (facts?.LabelNames is not { } names)
        {
            return [];
        }

        var findings = new List<LintFinding>();
        foreach (var matcher in selector.Matchers.Where(RequiresLabel))
        {
            if (!names.Contains(matcher.Name))
            {
                findings.Add(UnknownLabel(expression, metric, matcher, Suggestions.Closest(matcher.Name, names, limits.MaxSuggestions), limits.Lookback));
            }
            else if (matcher.Op == MatchOp.Equal && facts.LabelValues.TryGetValue(matcher.Name, out var values) && !values.Contains(matcher.Value, StringComparer.Ordinal))
            {
                findings.Add(UnknownValue(expression, metric, matcher, values, limits));
            }
        }

        return findings;
    }

    /// <summary>The equality matchers whose values are worth looking up, at most the limit per selector.</summary>
    public static IReadOnlyList<LabelMatcher> ValueLookups(LiveSelector selector, LiveLintLimits? limits = null) =>
        selector.Matchers.Where(m => m.Op == MatchOp.Equal && m.Value.Length > 0)
            .Take((limits ?? LiveLintLimits.Default).MaxValueLookups).ToList();

    public static LintFinding UnknownMetric(string expression, LiveSelector selector, IReadOnlyList<string> suggestions, TimeSpan lookback) => new(
        MetricUnknown, LintSeverity.Warning,
        $"Prometheus has not seen the metric {selector.Metric} in the last {Span(lookback)}{DidYouMean(suggestions)}",
        Field, Position.At(expression, selector.Span.Start), selector.Span,
        "The live Prometheus has no series of this name in the lookback. It may be misspelt, its exporter may not be scraped " +
        "by this server, or it is made by a recording rule that is not published yet; the rule would then never see data.");

    public static LintFinding UnknownLabel(string expression, string metric, LabelMatcher matcher, IReadOnlyList<string> suggestions, TimeSpan lookback) => new(
        LabelUnknown, LintSeverity.Warning,
        $"No series of {metric} in the last {Span(lookback)} has the label {matcher.Name}{DidYouMean(suggestions)}",
        Field, Position.At(expression, matcher.Span.Start), matcher.Span,
        "The matcher requires a label that the metric's series never carried in the lookback, so the selector matches nothing.");

    public static LintFinding UnknownValue(string expression, string metric, LabelMatcher matcher, IReadOnlyList<string> seen, LiveLintLimits? limits = null)
    {
        limits ??= LiveLintLimits.Default;
        var suggestions = Suggestions.Closest(matcher.Value, seen, limits.MaxSuggestions);
        if (suggestions.Count == 0 && seen.Count is > 0 and <= 5)
        {
            // Nothing is close, but a handful of values is short enough to list: "nope" against {node, prometheus}.
            suggestions = [.. seen.Order(StringComparer.Ordinal)];
        }

        var hint = DidYouMean(suggestions, quote: true);
        return new LintFinding(
            ValueUnknown, LintSeverity.Warning,
            $"{metric} never had {matcher.Name}=\"{matcher.Value}\" in the last {Span(limits.Lookback)} ({Count(seen.Count, "value")} seen){hint}",
            Field, Position.At(expression, matcher.Span.Start), matcher.Span,
            "The label exists on the metric, but never with this value in the lookback: a typo, or a target that is not scraped here.");
    }

    /// <summary>The expression's size and speed now: a warning past the limits, otherwise an info with the numbers.</summary>
    public static LintFinding Evaluation(int series, TimeSpan took, LiveLintLimits? limits = null)
    {
        limits ??= LiveLintLimits.Default;
        var tooMany = series > limits.SeriesWarning;
        var tooSlow = took > limits.EvaluationWarning;
        var numbers = $"returns {Count(series, "series", "series")} now and took {Milliseconds(took)} to evaluate";
        if (!tooMany && !tooSlow)
        {
            return new LintFinding(Result, LintSeverity.Info, $"Live: the expression {numbers}.", Field, null, null,
                "Measured on the configured Prometheus with an instant query at the current time.");
        }

        var over = string.Join(" and ", new[]
        {
            tooMany ? $"more than {Count(limits.SeriesWarning, "series", "series")}" : null,
            tooSlow ? $"slower than {Milliseconds(limits.EvaluationWarning)}" : null,
        }.Where(s => s is not null));
        return new LintFinding(Cost, LintSeverity.Warning, $"The expression {numbers}: {over}.", Field, null, null,
            "Every evaluation of the rule pays this cost, every interval, on every Prometheus that loads it. " +
            "Narrow the selectors or aggregate earlier; the limits are LiveLint:SeriesWarning and LiveLint:EvaluationWarning.");
    }

    public static LintFinding EvaluationError(string target, string error) => new(
        EvaluationFailed, LintSeverity.Warning,
        $"The rule's last evaluation on {target} failed: {error}",
        Field, null, null,
        "Prometheus reports this error for the published rule (from /api/v1/rules); the rule produces nothing while it fails.");

    /// <summary>Prometheus refused to evaluate the expression now (a matching or type error only data reveals).</summary>
    public static LintFinding QueryError(string error) => new(
        QueryFailed, LintSeverity.Warning,
        $"Prometheus could not evaluate the expression now: {error}",
        Field, null, null,
        "Some errors depend on the data, such as many-to-many matching when a side has duplicate label sets; " +
        "a rule with this expression would fail at every evaluation while the data stays like this.");

    public static LintFinding SkippedBecause(string reason) => new(
        Skipped, LintSeverity.Info, $"Live checks skipped: {reason}", Field, null, null,
        "Live lint asks the configured Prometheus; when it cannot answer in time the offline findings still stand.");

    public static LintFinding SelectorsLeftOut(int more, int examined) => new(
        Truncated, LintSeverity.Info,
        $"Live checks examined the first {Count(examined, "selector")}; {Count(more, "more was", "more were")} left out.",
        Field, null, null, "A bound that keeps live lint fast on very long expressions (LiveLint:MaxSelectors).");

    /// <summary>True when the matcher matches only series that carry the label (an empty value matches its absence).</summary>
    public static bool RequiresLabel(LabelMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return matcher.Op switch
        {
            MatchOp.Equal => matcher.Value.Length > 0,
            MatchOp.Regex => !MatchesEmpty(matcher.Value),
            _ => false,
        };
    }

    private static bool MatchesEmpty(string pattern)
    {
        try
        {
            return Regex.IsMatch("", "^(?:" + pattern + ")$", RegexOptions.None, TimeSpan.FromMilliseconds(50));
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            // RE2 syntax .NET does not read: assume it may match empty, so nothing is claimed.
            return true;
        }
    }

    private static bool Contains(IReadOnlyCollection<string> set, string name) =>
        set is IReadOnlySet<string> fast ? fast.Contains(name) : set.Contains(name, StringComparer.Ordinal);

    private static string DidYouMean(IReadOnlyList<string> suggestions, bool quote = false) => suggestions.Count switch
    {
        0 => ".",
        _ => "; did you mean " + string.Join(" or ", suggestions.Select(s => quote ? $"\"{s}\"" : s)) + "?",
    };

    private static string Span(TimeSpan lookback) => lookback.TotalDays >= 1 && lookback.TotalDays == Math.Floor(lookback.TotalDays)
        ? Count((int)lookback.TotalDays, "day")
        : lookback.TotalHours >= 1 ? $"{lookback.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h" : $"{lookback.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min";

    private static string Milliseconds(TimeSpan took) => took.TotalMilliseconds < 1000
        ? $"{took.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : $"{took.TotalSeconds.ToString("0.0#", CultureInfo.InvariantCulture)} s";

    private static string Count(int n, string one, string? many = null) =>
        n == 1 ? $"1 {one}" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} {many ?? one + "s"}";
}
