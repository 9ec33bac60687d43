namespace Portal.Domain.RuleFiles;

/// <summary>How promtool would take a validation finding.</summary>
public enum ProblemSeverity
{
    /// <summary>promtool rejects the file.</summary>
    Error,

    /// <summary>promtool accepts the file but its lint complains (duplicate rules).</summary>
    Warning,
}
