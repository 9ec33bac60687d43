namespace Portal.Domain.RuleFiles;

/// <summary>
/// The checks <c>promtool check rules</c> (Prometheus 2.42) makes on a well-formed rule, worded as
/// promtool words them so its messages and ours can be matched. Checks about shape (one of
/// alert/record, <c>for</c> on a recording rule, empty or repeated group names) cannot fail on the
/// model, whose types rule those out; the parser reports them while reading.
/// </summary>
public static class RuleFileValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(RuleFile file, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= ValidationOptions.Default;
        var problems = new List<ValidationProblem>();
        foreach (var group in file.Groups)
        {
            for (var i = 0; i < group.Rules.Length; i++)
            {
                var rule = group.Rules[i];
                problems.AddRange(CheckRule(rule, options).Select(reason =>
                    new ValidationProblem(group.Name, i, rule.Name, ProblemSeverity.Error, reason)));
            }
        }

        var located = file.Groups.SelectMany(g => g.Rules.Select((rule, i) =>
            (Item: (Group: g.Name, Index: i), Where: $"rule {i + 1} of group \"{g.Name}\"", Rule: rule)));
        foreach (var (item, first) in Duplicates(located))
        {
            var rule = file.Groups.First(g => g.Name == item.Group).Rules[item.Index];
            problems.Add(new ValidationProblem(item.Group, item.Index, rule.Name, ProblemSeverity.Warning, DuplicateReason(first)));
        }

        return problems;
    }

    /// <summary>The reasons promtool would reject this rule for; empty when it would accept it.</summary>
    public static IReadOnlyList<string> CheckRule(Rule rule, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        options ??= ValidationOptions.Default;
        var reasons = new List<string>();
        if (options.CheckExpression(rule.Expr) is { } problem)
        {
            var at = problem.Line is { } line ? $"{line}:{problem.Column ?? 1}: " : "";
            reasons.Add($"could not parse expression: {at}{problem.Message}");
        }

        if (rule is RecordingRule recording && !PrometheusNames.IsValidMetricName(recording.Record))
        {
            reasons.Add($"invalid recording rule name: {recording.Record}");
        }

        foreach (var name in rule.Labels.Keys)
        {
            if (!PrometheusNames.IsValidLabelName(name) || name == PrometheusNames.MetricNameLabel)
            {
                reasons.Add($"invalid label name: {name}");
            }
        }

        if (rule is AlertingRule alert)
        {
            foreach (var name in alert.Annotations.Keys)
            {
                if (!PrometheusNames.IsValidLabelName(name))
                {
                    reasons.Add($"invalid annotation name: {name}");
                }
            }

            // Prometheus expands templates in an alert's labels and annotations, never in a recording rule's.
            foreach (var (name, value) in alert.Labels)
            {
                if (options.CheckTemplate(value) is { } error)
                {
                    reasons.Add($"label \"{name}\": {error}");
                }
            }

            foreach (var (name, value) in alert.Annotations)
            {
                if (options.CheckTemplate(value) is { } error)
                {
                    reasons.Add($"annotation \"{name}\": {error}");
                }
            }
        }

        return reasons;
    }

    internal static string DuplicateReason(string firstWhere) =>
        $"duplicate rule: same name and labels as {firstWhere} (promtool lint: might cause inconsistency while recording expressions)";

    /// <summary>
    /// promtool's lint: two rules with the same name and labels anywhere in one file. Yields every
    /// later occurrence with where the first one is.
    /// </summary>
    internal static IEnumerable<(T Item, string FirstWhere)> Duplicates<T>(IEnumerable<(T Item, string Where, Rule Rule)> rules)
    {
        var seen = new Dictionary<(string, LabelMap), string>();
        foreach (var (item, where, rule) in rules)
        {
            if (!seen.TryAdd((rule.Name, rule.Labels), where))
            {
                yield return (item, seen[(rule.Name, rule.Labels)]);
            }
        }
    }
}
