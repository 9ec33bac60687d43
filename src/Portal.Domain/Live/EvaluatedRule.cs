using Portal.Domain.Lint;

namespace Portal.Domain.Live;

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
