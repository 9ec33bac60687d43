namespace Portal.Domain.Lint;

/// <summary>The parts of a rule lint reads, whatever model (file, catalog, API) it came from.</summary>
public sealed record LintRule(
    RuleKind Kind,
    string Name,
    string Expression,
    TimeSpan? For = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null)
{
    /// <summary>The rule links to one of the portal's runbooks: publishing writes its <c>runbook_url</c>.</summary>
    public bool RunbookLinked { get; init; }

    public IReadOnlyDictionary<string, string> LabelsOrEmpty => Labels ?? new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AnnotationsOrEmpty => Annotations ?? new Dictionary<string, string>();
}
