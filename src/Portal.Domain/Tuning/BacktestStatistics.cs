namespace Portal.Domain.Tuning;

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
