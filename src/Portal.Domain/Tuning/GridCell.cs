namespace Portal.Domain.Tuning;

/// <summary>What the rule would have done at one threshold and one <c>for</c>: the numbers of <see cref="Backtest.Run"/>'s total.</summary>
/// <param name="FiringHours">Time spent firing, summed over series (alert-hours), as <see cref="BacktestStatistics.TotalFiring"/>.</param>
/// <param name="MedianDelay">From first breach (pending) to firing, the median over firing episodes; null when none fired.</param>
public sealed record GridCell(int FiringEpisodes, double AlertsPerWeek, double FiringHours, TimeSpan? MedianDelay);
