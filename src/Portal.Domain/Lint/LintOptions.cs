namespace Portal.Domain.Lint;

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
