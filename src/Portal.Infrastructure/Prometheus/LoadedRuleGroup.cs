namespace Portal.Infrastructure.Prometheus;

public sealed record LoadedRuleGroup(string Name, string File, double IntervalSeconds, IReadOnlyList<LoadedRule> Rules)
{
    /// <summary>How long the group's last evaluation took, all its rules together; null when the server does not say.</summary>
    public double? EvaluationSeconds { get; init; }

    /// <summary>Null until the server has evaluated the group.</summary>
    public DateTimeOffset? LastEvaluation { get; init; }
}
