namespace Portal.Domain.Tuning;

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
