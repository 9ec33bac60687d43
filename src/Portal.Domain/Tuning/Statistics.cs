namespace Portal.Domain.Tuning;

/// <summary>The arithmetic of <see cref="BacktestStatistics"/>, per series and over all of them.</summary>
internal static class Statistics
{
    public const long WeekMs = 7L * 24 * 60 * 60 * 1000;

    /// <summary>Statistics of one series; its times from breach to firing are added to <paramref name="timesToFire"/>.</summary>
    public static BacktestStatistics ForSeries(IReadOnlyList<AlertEpisode> episodes, EvaluationGrid grid, List<long> timesToFire)
    {
        var rangeEnd = grid.StartMs + grid.RangeMs;
        var firstTimeToFire = timesToFire.Count;
        int fired = 0, flaps = 0;
        long total = 0, longest = 0;
        long? previousResolved = null;
        foreach (var episode in episodes)
        {
            if (episode.FiringSinceMs is not { } firingSince)
            {
                continue;
            }

            fired++;
            var duration = (episode.ResolvedAtMs ?? rangeEnd) - firingSince;
            total += duration;
            longest = Math.Max(longest, duration);
            if (previousResolved is { } resolved && firingSince - resolved <= grid.FlapGapMs)
            {
                flaps++;
            }

            previousResolved = episode.ResolvedAtMs;
            timesToFire.Add(firingSince - episode.PendingSinceMs);
        }

        return Build(fired, total, longest, (double)total / grid.RangeMs, flaps,
            timesToFire.GetRange(firstTimeToFire, timesToFire.Count - firstTimeToFire), grid);
    }

    /// <summary>
    /// The total: counts and times add up over series, the longest is the longest of all, and the share
    /// counts an evaluation once when any series fired (so it never exceeds 1).
    /// </summary>
    public static BacktestStatistics Total(IReadOnlyList<SeriesBacktest> series, int stepsWithAnyFiring, List<long> timesToFire, EvaluationGrid grid)
    {
        int fired = 0, flaps = 0;
        long total = 0, longest = 0;
        foreach (var s in series)
        {
            fired += s.Statistics.FiringEpisodes;
            flaps += s.Statistics.Flaps;
            total += s.Statistics.TotalFiring.Ticks / TimeSpan.TicksPerMillisecond;
            longest = Math.Max(longest, s.Statistics.LongestFiring.Ticks / TimeSpan.TicksPerMillisecond);
        }

        return Build(fired, total, longest, (double)stepsWithAnyFiring / grid.Steps, flaps, timesToFire, grid);
    }

    public static double AlertsPerWeek(long firingEpisodes, long rangeMs) => firingEpisodes * (double)WeekMs / rangeMs;

    private static BacktestStatistics Build(int fired, long totalMs, long longestMs, double share, int flaps, List<long> timesToFire, EvaluationGrid grid)
    {
        TimeSpan? mean = null, median = null;
        if (timesToFire.Count > 0)
        {
            var sorted = timesToFire.ToArray();
            Array.Sort(sorted);
            var middle = sorted.Length / 2;
            mean = TimeSpan.FromMilliseconds(sorted.Average(t => (double)t));
            median = TimeSpan.FromMilliseconds(sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0);
        }

        return new BacktestStatistics(fired, AlertsPerWeek(fired, grid.RangeMs), TimeSpan.FromMilliseconds(totalMs),
            TimeSpan.FromMilliseconds(longestMs), share, flaps, mean, median);
    }
}
