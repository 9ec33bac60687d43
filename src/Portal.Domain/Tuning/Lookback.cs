namespace Portal.Domain.Tuning;

/// <summary>
/// What an instant query of a plain selector returns at each evaluation time: the newest raw sample at
/// or before the time, if it is at most the lookback delta old. This turns raw samples into the input
/// <see cref="Backtest"/> expects; a <c>query_range</c> result with step = interval needs no such step.
/// </summary>
public static class Lookback
{
    /// <summary>Prometheus' default <c>--query.lookback-delta</c>.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(5);

    /// <remarks>
    /// The window is closed at both ends, [t - lookback, t], as in Prometheus 2.x (3.0 opened its left
    /// end): a sample exactly five minutes old still counts. Staleness markers are not modelled;
    /// range query results never contain them.
    /// </remarks>
    /// <param name="raw">Samples in ascending time order.</param>
    public static IReadOnlyList<Sample> AtEvaluationTimes(IReadOnlyList<Sample> raw, long startMs, long endMs, TimeSpan interval, TimeSpan? lookback = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var intervalMs = (long)interval.TotalMilliseconds;
        var lookbackMs = (long)(lookback ?? Default).TotalMilliseconds;
        if (intervalMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "The evaluation interval must be positive.");
        }

        var result = new List<Sample>();
        var next = 0;
        for (var t = startMs; t <= endMs; t += intervalMs)
        {
            while (next < raw.Count && raw[next].TimestampMs <= t)
            {
                if (next > 0 && raw[next].TimestampMs < raw[next - 1].TimestampMs)
                {
                    throw new ArgumentException("Raw samples must be in ascending time order.", nameof(raw));
                }
                next++;
            }

            if (next > 0 && raw[next - 1].TimestampMs >= t - lookbackMs)
            {
                result.Add(new Sample(t, raw[next - 1].Value));
            }
        }

        return result;
    }
}
