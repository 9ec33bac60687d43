using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

public enum LintSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One problem found in a rule: which check, how bad, where (the field, and for expressions the
/// line:column inside it), and what to do about it.
/// </summary>
public sealed record LintFinding(
    string Id,
    LintSeverity Severity,
    string Message,
    string Field,
    Position? Position,
    TextSpan? Span,
    string Explanation);

public enum RuleKind
{
    Alerting,
    Recording,
}

/// <summary>The parts of a rule lint reads, whatever model (file, catalog, API) it came from.</summary>
public sealed record LintRule(
    RuleKind Kind,
    string Name,
    string Expression,
    TimeSpan? For = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null)
{
    public IReadOnlyDictionary<string, string> LabelsOrEmpty => Labels ?? new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AnnotationsOrEmpty => Annotations ?? new Dictionary<string, string>();
}

public enum MetricType
{
    Unknown,
    Counter,
    Gauge,
    Histogram,
    Summary,
}

/// <summary>What lint may assume about the environment; everything has a sensible default offline.</summary>
public sealed record LintOptions
{
    /// <summary>The targets' scrape interval; rate windows shorter than twice this are flagged.</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(15);

    public IReadOnlySet<string> Severities { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "critical", "warning", "info" };

    /// <summary>Metric types from Prometheus' /api/v1/metadata when it is reachable; names decide otherwise.</summary>
    public IReadOnlyDictionary<string, MetricType> Metadata { get; init; } = new Dictionary<string, MetricType>();

    /// <summary>Checks a template's syntax; returns an error message with its position, or null.</summary>
    public Func<string, string?>? CheckTemplate { get; init; } = Templates.TemplateRenderer.Problem;

    /// <summary>
    /// Every label and annotation template is rendered once with the rule's labels and a sample value
    /// under these limits; past them is an error. Null skips the rendering.
    /// </summary>
    public Templates.TemplateLimits? TemplateLimits { get; init; } = Templates.TemplateLimits.Default;

    /// <summary>Groups evaluated more often than this are errors (the portal's Rules:MinimumGroupInterval).</summary>
    public TimeSpan MinimumGroupInterval { get; init; } = RuleFiles.GroupIntervals.DefaultMinimum;

    /// <summary>
    /// Prometheus' global evaluation_interval; a group below it earns a warning. Prometheus' own
    /// default is 1m, which stands in when the caller does not know the server's setting.
    /// </summary>
    public TimeSpan GlobalEvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    public static LintOptions Default { get; } = new();
}

public static class LintRules
{
    /// <summary>The lint view of a rule read from a rule file.</summary>
    public static LintRule From(RuleFiles.Rule rule) => rule switch
    {
        RuleFiles.AlertingRule alert => new LintRule(RuleKind.Alerting, alert.Alert, alert.Expr, alert.For?.ToTimeSpan(), alert.Labels, alert.Annotations),
        _ => new LintRule(RuleKind.Recording, rule.Name, rule.Expr, null, rule.Labels),
    };

    /// <summary>Lints every rule of a file and the file as a whole.</summary>
    public static IReadOnlyList<(RuleFiles.Rule? Rule, LintFinding Finding)> LintFile(RuleFiles.RuleFile file, LintOptions? options = null)
    {
        var findings = new List<(RuleFiles.Rule?, LintFinding)>();
        foreach (var rule in file.Groups.SelectMany(g => g.Rules))
        {
            findings.AddRange(RuleLinter.Lint(From(rule), options).Select(f => ((RuleFiles.Rule?)rule, f)));
        }

        var groups = file.Groups.Select(g => (g.Name, (IReadOnlyList<LintRule>)g.Rules.Select(From).ToList()));
        findings.AddRange(RuleLinter.LintGroups(groups).Select(f => ((RuleFiles.Rule?)null, f)));
        findings.AddRange(file.Groups.SelectMany(g => RuleLinter.LintInterval(g.Name, g.Interval, options)).Select(f => ((RuleFiles.Rule?)null, f)));
        return findings;
    }
}

public static class MetricTypes
{
    /// <summary>Reads the type names Prometheus' metadata API uses; anything else is unknown.</summary>
    public static MetricType Parse(string? type) => type switch
    {
        "counter" => MetricType.Counter,
        "gauge" => MetricType.Gauge,
        "histogram" or "gaugehistogram" => MetricType.Histogram,
        "summary" => MetricType.Summary,
        _ => MetricType.Unknown,
    };
}
