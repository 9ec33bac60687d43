namespace Portal.Domain.Tuning;

/// <summary>
/// One stretch in which a series' alert was active: pending from <see cref="PendingSinceMs"/>, firing
/// from <see cref="FiringSinceMs"/> (null when it never fired), inactive again at the evaluation
/// <see cref="ResolvedAtMs"/> (null when still active at the end of the range).
/// </summary>
/// <param name="PeakValue">
/// The most extreme value at which the condition held: the highest for <c>&gt;</c>/<c>&gt;=</c>, the
/// lowest for <c>&lt;</c>/<c>&lt;=</c>, the farthest from the threshold for <c>!=</c>.
/// </param>
public sealed record AlertEpisode(long PendingSinceMs, long? FiringSinceMs, long? ResolvedAtMs, double PeakValue)
{
    public bool Fired => FiringSinceMs is not null;
}
