using Portal.Domain.Lint;

namespace Portal.Domain.Live;

/// <summary>What Prometheus says of a rule or one of its series, ordered by how much it asks for attention.</summary>
public enum LiveState
{
    /// <summary>No target reports an evaluation: not published, not loaded yet, never evaluated, or every target is down.</summary>
    NoData,
    /// <summary>Evaluated; no series meets the condition (or, for a recording rule, evaluated without error).</summary>
    Inactive,
    Pending,
    Firing,
}

/// <summary>One series of an alerting rule as a target evaluates it.</summary>
public sealed record LiveSeries(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    LiveState State,
    DateTimeOffset? ActiveAt,
    double Value);

/// <summary>A rule as one target last evaluated it (Prometheus' /api/v1/rules).</summary>
/// <param name="Series">The pending and firing series, cut at the client's bound.</param>
/// <param name="SeriesCount">How many series the target reported, the cut ones included.</param>
/// <param name="LastEvaluation">Null when the target has not evaluated the rule yet.</param>
public sealed record EvaluatedRule(
    string Name,
    RuleKind Kind,
    string Query,
    LiveState State,
    string Health,
    string? LastError,
    DateTimeOffset? LastEvaluation,
    double? EvaluationSeconds,
    IReadOnlyList<LiveSeries> Series,
    int SeriesCount);

/// <param name="File">The path the target loaded the group from.</param>
public sealed record EvaluatedGroup(string Name, string File, IReadOnlyList<EvaluatedRule> Rules);

/// <summary>
/// A rule as the portal published it: namespace (its file), group, name, and which rule of that name in
/// the group (names repeat: one alert per severity is common). Stable across targets and releases.
/// </summary>
public sealed record PublishedRuleKey(string Namespace, string Group, string Name, int Occurrence)
{
    public override string ToString() => Occurrence == 1 ? $"{Namespace}/{Group}/{Name}" : $"{Namespace}/{Group}/{Name}#{Occurrence}";
}

/// <summary>A file a target verifiably loaded from the portal (the target_files table).</summary>
/// <param name="FileName">The name in the target's directory, its prefix included.</param>
public sealed record PublishedFile(string Namespace, string Team, string FileName, long Release, DateTimeOffset VerifiedAt);

/// <summary>A rule a target evaluates, with the portal rule it was published as; <see cref="Key"/> is null for rules the portal does not manage.</summary>
public sealed record MatchedRule(string Target, string Group, string File, EvaluatedRule Rule, PublishedRuleKey? Key, PublishedFile? Published);

/// <summary>A stored rule, as much of it as live views need.</summary>
public sealed record CatalogRule(
    Guid Id,
    string Namespace,
    string Group,
    string Name,
    RuleKind Kind,
    string Team,
    string? Severity,
    string? Runbook,
    bool Enabled);
