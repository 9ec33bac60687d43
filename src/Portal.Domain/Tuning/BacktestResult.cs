using Portal.Domain.RuleFiles;

namespace Portal.Domain.Tuning;

/// <summary>The state of one series' alert after an evaluation, as Prometheus reports it.</summary>
public enum AlertState : byte
{
    Inactive,
    Pending,
    Firing,
}

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

/// <summary>
/// Alert noise over a backtest range. Each evaluation stands for one interval, so the range lasts
/// steps × interval and an episode still firing at the end counts until then.
/// </summary>
/// <param name="FiringEpisodes">Episodes that reached firing (each would have notified once).</param>
/// <param name="AlertsPerWeek">Firing episodes scaled from the covered time (see <see cref="Coverage"/>) to seven days.</param>
/// <param name="TotalFiring">Time spent firing; in the total, summed over series (alert-hours).</param>
/// <param name="FiringShare">Share of the covered time spent firing; in the total, of covered evaluations with any series firing.</param>
/// <param name="Flaps">Firing episodes that started within the flap gap after the previous one resolved.</param>
/// <param name="MeanTimeToFire">From first breach (pending) to firing, over firing episodes; null when none fired.</param>
public sealed record BacktestStatistics(
    int FiringEpisodes,
    double AlertsPerWeek,
    TimeSpan TotalFiring,
    TimeSpan LongestFiring,
    double FiringShare,
    int Flaps,
    TimeSpan? MeanTimeToFire,
    TimeSpan? MedianTimeToFire);

/// <summary>The backtest of one series: its episodes, its state at every evaluation and its statistics.</summary>
public sealed record SeriesBacktest(
    LabelMap Labels,
    IReadOnlyList<AlertEpisode> Episodes,
    IReadOnlyList<AlertState> States,
    BacktestStatistics Statistics);

/// <summary>
/// How much of the range had data: evaluations at which at least one series had a sample, each standing
/// for one interval. Rates are divided by this, not by the range asked for: twenty minutes of samples in
/// a seven-day range say nothing about the other 6.98 days, and dividing by them would make any rule look quiet.
/// </summary>
public sealed record Coverage(double SecondsWithData, double SecondsAsked)
{
    public double Share => SecondsAsked > 0 ? SecondsWithData / SecondsAsked : 0;

    public TimeSpan WithData => TimeSpan.FromSeconds(SecondsWithData);

    public TimeSpan Asked => TimeSpan.FromSeconds(SecondsAsked);
}

/// <summary>What <see cref="Backtest.Run"/> found, per series (in input order) and in total.</summary>
public sealed record BacktestResult(
    long StartMs,
    TimeSpan Interval,
    int Steps,
    IReadOnlyList<SeriesBacktest> Series,
    BacktestStatistics Total,
    Coverage Coverage)
{
    /// <summary>The time of evaluation <paramref name="step"/> (0-based).</summary>
    public long TimeAt(int step) => StartMs + step * (long)Interval.TotalMilliseconds;
}
