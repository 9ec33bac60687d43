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

        return Build(fired, total, longest, Share(total, grid.CoveredMs), flaps,
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

        return Build(fired, total, longest, Share(stepsWithAnyFiring, grid.CoveredSteps), flaps, timesToFire, grid);
    }

    /// <summary>Episodes per seven days of covered time; no data means no rate (0), not a division by zero.</summary>
    public static double AlertsPerWeek(long firingEpisodes, long coveredMs) => coveredMs > 0 ? firingEpisodes * (double)WeekMs / coveredMs : 0;

    /// <summary>
    /// A part of the covered time. keep_firing_for can carry an alert past the last sample, so the part
    /// may exceed the whole; a share above 1 would mean nothing to a reader.
    /// </summary>
    public static double Share(long part, long whole) => whole > 0 ? Math.Min(1, (double)part / whole) : 0;

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

        return new BacktestStatistics(fired, AlertsPerWeek(fired, grid.CoveredMs), TimeSpan.FromMilliseconds(totalMs),
            TimeSpan.FromMilliseconds(longestMs), share, flaps, mean, median);
    }
}
