using System.Text.RegularExpressions;
using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

/// <summary>
/// Checks rules the way an experienced Prometheus user reviews them. Pure: metadata and template
/// checking come in through <see cref="LintOptions"/>.
/// </summary>
public static partial class RuleLinter
{
    [GeneratedRegex(@"^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]$")]
    private static partial Regex LevelMetricOperations();

    [GeneratedRegex(@"\$value|\.Value")]
    private static partial Regex ValueReference();

    public static IReadOnlyList<LintFinding> Lint(LintRule rule, LintOptions? options = null)
    {
        options ??= LintOptions.Default;
        var findings = new List<LintFinding>();
        var parsed = PromQlParser.Parse(rule.Expression);
        if (!parsed.IsValid)
        {
            var error = parsed.Error!;
            findings.Add(Finding(LintChecks.Syntax, error.Message, "expr", rule.Expression, error.Span));
        }
        else
        {
            ExpressionChecks.Run(rule, parsed.Expr!, options, findings);
        }

        if (rule.Kind == RuleKind.Alerting)
        {
            CheckAlertFields(rule, parsed.Expr, options, findings);
        }
        else if (!LevelMetricOperations().IsMatch(rule.Name))
        {
            findings.Add(Field(LintChecks.RecordingName, $"\"{rule.Name}\" does not follow level:metric:operations", "record"));
        }

        CheckTemplates(rule, options, findings);
        return findings;
    }

    /// <summary>Checks across the rules of one file: group names and rule names that repeat.</summary>
    public static IReadOnlyList<LintFinding> LintGroups(IEnumerable<(string Group, IReadOnlyList<LintRule> Rules)> groups)
    {
        var findings = new List<LintFinding>();
        var seenGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (group, rules) in groups)
        {
            if (!seenGroups.Add(group))
            {
                findings.Add(Field(LintChecks.DuplicateGroup, $"group \"{group}\" appears more than once in the file", "groups." + group));
            }

            foreach (var name in rules.GroupBy(r => (r.Kind, r.Name, Labels: LabelKey(r))).Where(g => g.Count() > 1).Select(g => g.Key.Name).Distinct())
            {
                findings.Add(Field(LintChecks.DuplicateRule, $"\"{name}\" is defined more than once in group \"{group}\"", "groups." + group));
            }
        }

        return findings;
    }

    /// <summary>A group's interval against the portal's minimum (error) and the global evaluation interval (warning).</summary>
    public static IReadOnlyList<LintFinding> LintInterval(string group, RuleFiles.PromDuration? interval, LintOptions? options = null)
    {
        options ??= LintOptions.Default;
        var field = $"groups.{group}.interval";
        if (RuleFiles.GroupIntervals.BelowMinimum(interval, options.MinimumGroupInterval) is { } low)
        {
            return [Field(LintChecks.GroupIntervalTooShort, $"group \"{group}\": {low}", field)];
        }

        if (interval is { TotalMilliseconds: > 0 } value && value.ToTimeSpan() < options.GlobalEvaluationInterval)
        {
            var global = RuleFiles.PromDuration.FromTimeSpan(options.GlobalEvaluationInterval);
            return [Field(LintChecks.GroupIntervalBelowGlobal, $"group \"{group}\": interval {value} is below the global evaluation interval of {global}", field)];
        }

        return [];
    }

    private static string LabelKey(LintRule rule) =>
        string.Join(",", rule.LabelsOrEmpty.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    private static void CheckAlertFields(LintRule rule, Expr? expr, LintOptions options, List<LintFinding> findings)
    {
        var labels = rule.LabelsOrEmpty;
        var annotations = rule.AnnotationsOrEmpty;
        var hasFor = rule.For is { } duration && duration > TimeSpan.Zero;
        if (expr is not null && !hasFor)
        {
            var calls = PromQlAst.Descendants(expr).OfType<Call>().Select(c => c.Function.Name).ToHashSet();
            if (calls.Overlaps(["absent", "absent_over_time"]))
            {
                findings.Add(Field(LintChecks.AbsentWithoutFor, "absent() without `for` fires on one missed scrape", "for"));
            }
            else if (calls.Overlaps(["rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile"])
                     || PromQlAst.Selectors(expr).Count > 0)
            {
                findings.Add(Field(LintChecks.NoFor, "no `for`: one evaluation over the threshold pages someone", "for"));
            }
        }

        foreach (var (name, value) in labels)
        {
            if (ValueReference().IsMatch(value))
            {
                findings.Add(Field(LintChecks.ValueInLabels, $"label \"{name}\" uses the alert's value", "labels." + name));
            }
        }

        if (!labels.TryGetValue("severity", out var severity))
        {
            findings.Add(Field(LintChecks.MissingSeverity, "no severity label", "labels"));
        }
        else if (!options.Severities.Contains(severity))
        {
            findings.Add(Field(LintChecks.UnknownSeverity,
                $"severity \"{severity}\" is not one of {string.Join(", ", options.Severities.Order())}", "labels.severity"));
        }

        if (!annotations.ContainsKey("summary"))
        {
            findings.Add(Field(LintChecks.MissingSummary, "no summary annotation", "annotations"));
        }

        if (!annotations.ContainsKey("runbook_url") && !rule.RunbookLinked)
        {
            findings.Add(Field(LintChecks.MissingRunbook, "no runbook_url annotation and no linked runbook", "annotations"));
        }
    }

    private static void CheckTemplates(LintRule rule, LintOptions options, List<LintFinding> findings)
    {
        if (options.CheckTemplate is not { } check)
        {
            return;
        }

        foreach (var (kind, items) in new[] { ("labels", rule.LabelsOrEmpty), ("annotations", rule.AnnotationsOrEmpty) })
        {
            foreach (var (name, template) in items)
            {
                if (check(template) is { } problem)
                {
                    findings.Add(Field(LintChecks.TemplateError, $"{kind[..^1]} \"{name}\": {problem}", $"{kind}.{name}"));
                }
                else if (options.TemplateLimits is { } limits
                         && Templates.TemplateRenderer.Render(template, SampleData(rule), limits).Error is { Kind: Templates.TemplateErrorKind.Budget } over)
                {
                    findings.Add(Field(LintChecks.TemplateBudget,
                        $"{kind[..^1]} \"{name}\": {over.Line}:{over.Column}: {over.Message} (rendered with the rule's labels and a sample value)", $"{kind}.{name}"));
                }
            }
        }
    }

    // What Prometheus would hand the template, as far as lint can know it: the rule's own labels over
    // a typical series, and a value. Budget bombs rarely depend on the data; this catches those that do via $labels.
    private static Templates.TemplateData SampleData(LintRule rule)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = rule.Name, ["instance"] = "host-1.example.com:9100", ["job"] = "node",
        };
        foreach (var (name, value) in rule.LabelsOrEmpty)
        {
            labels[name] = value;
        }

        return new Templates.TemplateData(1, labels);
    }

    internal static LintFinding Finding(LintChecks.Check check, string message, string field, string text, TextSpan span) =>
        new(check.Id, check.Severity, message, field, Position.At(text, span.Start), span, check.Explanation);

    internal static LintFinding Field(LintChecks.Check check, string message, string field) =>
        new(check.Id, check.Severity, message, field, null, null, check.Explanation);
}
