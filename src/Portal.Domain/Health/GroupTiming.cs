namespace Portal.Domain.Health;

/// <summary>How long a rule group's last evaluation took on one server, against the group's interval.</summary>
/// <param name="IntervalSeconds">The group's evaluation interval; zero when the server did not say.</param>
public sealed record GroupTiming(
    string Server,
    string Group,
    string File,
    double IntervalSeconds,
    double EvaluationSeconds,
    DateTimeOffset? LastEvaluation)
{
    /// <summary>The evaluation time as a fraction of the interval (1 means the group needs its whole interval); null without an interval.</summary>
    public double? FractionOfInterval => HealthBoard.FractionOfInterval(EvaluationSeconds, IntervalSeconds);

    public string Key => Server + "\u001f" + File + "\u001f" + Group;
}
