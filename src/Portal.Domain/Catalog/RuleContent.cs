using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Templates;

namespace Portal.Domain.Catalog;

/// <summary>
/// Everything a user edits about one rule. Immutable: every change makes a new value, so a save can
/// tell whether anything changed and a version can keep the exact content.
/// </summary>
public sealed record RuleContent(
    RuleKind Kind,
    string Name,
    string Expression,
    PromDuration? For,
    PromDuration? KeepFiringFor,
    LabelMap Labels,
    LabelMap Annotations,
    bool Enabled = true)
{
    public static RuleContent From(Rule rule, bool enabled = true) => rule switch
    {
        AlertingRule a => new RuleContent(RuleKind.Alerting, a.Alert, a.Expr, a.For, a.KeepFiringFor, a.Labels, a.Annotations, enabled),
        _ => new RuleContent(RuleKind.Recording, rule.Name, rule.Expr, null, null, rule.Labels, LabelMap.Empty, enabled),
    };

    /// <summary>The rule as it goes into a rule file; call only on content that <see cref="Validate"/> accepts.</summary>
    public Rule ToRule() => Kind == RuleKind.Alerting
        ? new AlertingRule(Name, Expression, For, KeepFiringFor, Labels, Annotations)
        : new RecordingRule(Name, Expression, Labels);

    public LintRule ToLintRule() => new(Kind, Name, Expression, For?.ToTimeSpan(), Labels, Annotations);

    /// <summary>The severity label, the field lists filter on.</summary>
    public string? Severity => Labels.TryGetValue("severity", out var severity) ? severity : null;

    /// <summary>The threshold parts when the expression is `query OP number`, else null.</summary>
    public ThresholdParts? Threshold => Kind == RuleKind.Alerting ? ThresholdParts.Of(Expression) : null;

    /// <summary>The same rule with another threshold; the rest of the expression stays byte for byte.</summary>
    public RuleContent WithThreshold(double threshold)
    {
        var parts = Threshold ?? throw new InvalidOperationException($"\"{Name}\" has no threshold: its expression is not `query OP number`.");
        return this with { Expression = parts.WithThreshold(threshold).Expression };
    }

    /// <summary>Everything Prometheus would refuse, each with its field and, for PromQL, line:column.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new FieldError("name", "A rule needs a name."));
        }
        else if (Kind == RuleKind.Recording && !PrometheusNames.IsValidMetricName(Name))
        {
            errors.Add(new FieldError("name", $"\"{Name}\" is not a valid metric name: letters, digits, _ and :, not starting with a digit."));
        }
        else if (Kind == RuleKind.Alerting && Name.Any(char.IsControl))
        {
            errors.Add(new FieldError("name", "An alert name cannot contain control characters."));
        }

        if (string.IsNullOrWhiteSpace(Expression))
        {
            errors.Add(new FieldError("expr", "A rule needs an expression."));
        }
        else if (PromQlParser.Parse(Expression).Error is { } parse)
        {
            errors.Add(new FieldError("expr", parse.Message, parse.Position));
        }

        if (Kind == RuleKind.Recording && (For is not null || KeepFiringFor is not null))
        {
            errors.Add(new FieldError("for", "Recording rules have no `for` or `keep_firing_for`."));
        }

        CheckNames(errors, "labels", Labels);
        CheckNames(errors, "annotations", Annotations);
        foreach (var (kind, map) in new[] { ("labels", Labels), ("annotations", Annotations) })
        {
            foreach (var (name, template) in map)
            {
                if (TemplateRenderer.Problem(template) is { } problem)
                {
                    errors.Add(new FieldError($"{kind}.{name}", $"template: {problem}"));
                }
            }
        }

        return errors;
    }

    private static void CheckNames(List<FieldError> errors, string kind, LabelMap map)
    {
        foreach (var name in map.Keys)
        {
            if (!PrometheusNames.IsValidLabelName(name))
            {
                errors.Add(new FieldError($"{kind}.{name}", $"\"{name}\" is not a valid name: letters, digits and _, not starting with a digit."));
            }
            else if (name.StartsWith("__", StringComparison.Ordinal))
            {
                errors.Add(new FieldError($"{kind}.{name}", $"\"{name}\": names starting with __ are reserved for Prometheus."));
            }
        }
    }
}
