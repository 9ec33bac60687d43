namespace Portal.Infrastructure.Prometheus;

public sealed record LoadedRule(string Name, string Query, string Type, string Health, string? LastError, double? DurationSeconds)
{
    /// <summary>An alerting rule's state (<c>inactive</c>, <c>pending</c>, <c>firing</c>); empty for recording rules.</summary>
    public string State { get; init; } = "";

    /// <summary>Null until the target has evaluated the rule (Prometheus reports year 1 then).</summary>
    public DateTimeOffset? LastEvaluation { get; init; }

    public double? EvaluationSeconds { get; init; }

    /// <summary>The rule's pending and firing series, cut at <see cref="PrometheusOptions.MaxAlertsPerRule"/>.</summary>
    public IReadOnlyList<ActiveAlert> Alerts { get; init; } = [];

    /// <summary>How many series Prometheus reported, the cut ones included.</summary>
    public int AlertCount { get; init; }
}
