namespace Portal.Domain.RuleFiles;

/// <summary>
/// The floor under a group's evaluation interval. Prometheus takes "1ms" and evaluates the group a
/// thousand times a second; the portal refuses intervals below a configured minimum wherever one
/// enters (API, editor, import) and lint holds a stored one back at publish.
/// </summary>
public static class GroupIntervals
{
    /// <summary>The floor when configuration says nothing (Rules:MinimumGroupInterval).</summary>
    public static readonly TimeSpan DefaultMinimum = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Why <paramref name="interval"/> is refused under <paramref name="minimum"/>, or null. No interval
    /// and 0s both mean "the global interval" to Prometheus and pass.
    /// </summary>
    public static string? BelowMinimum(PromDuration? interval, TimeSpan minimum) =>
        interval is { TotalMilliseconds: > 0 } value && value.ToTimeSpan() < minimum
            ? $"interval {value} is below the minimum group interval of {PromDuration.FromTimeSpan(minimum)}"
            : null;
}
