namespace Portal.Domain.Incidents;

/// <summary>
/// Reading <c>ALERTS</c> again over an incident's window ("refresh from ALERTS", and on resolving) finds entries the
/// incident already holds, entries someone removed on purpose, and new ones. Only the new ones are added. Two readings
/// of the same firing can differ by up to a step each (a longer window reads with a coarser step), so an entry counts
/// as known when one of the same kind and text lies within the tolerance.
/// </summary>
public static class AlertTimelineMerge
{
    /// <summary>
    /// How far apart two readings of one firing may lie: a step of each reading. The step of a reading is the rule's
    /// evaluation interval, or the window over the number of steps read when that is coarser.
    /// </summary>
    public static TimeSpan Tolerance(TimeSpan evaluationInterval, TimeSpan window, int steps)
    {
        var step = TimeSpan.FromTicks(Math.Max(evaluationInterval.Ticks, window.Ticks / Math.Max(1, steps)));
        return step * 2;
    }

    /// <summary>
    /// The entries of <paramref name="found"/> that are neither held (<paramref name="held"/>, automatic ones) nor removed
    /// (<paramref name="dismissed"/>), in time order. Each held or dismissed entry answers for one found entry at most,
    /// so a firing that really happened twice within the tolerance still adds its second one.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> NewEntries(
        IEnumerable<TimelineEntry> held, IEnumerable<TimelineEntry> dismissed, IEnumerable<TimelineEntry> found, TimeSpan tolerance)
    {
        var known = held.Where(e => e.Automatic).Concat(dismissed)
            .GroupBy(e => (e.Kind, e.Text))
            .ToDictionary(g => g.Key, g => g.Select(e => e.At).OrderBy(at => at).ToList());
        var added = new List<TimelineEntry>();
        foreach (var entry in found.OrderBy(e => e.At))
        {
            if (known.TryGetValue((entry.Kind, entry.Text), out var times))
            {
                var match = times.FindIndex(at => (at - entry.At).Duration() <= tolerance);
                if (match >= 0)
                {
                    times.RemoveAt(match);
                    continue;
                }
            }

            added.Add(entry);
        }

        return added;
    }

    /// <summary>
    /// Whether a snapshot read again should replace the stored one: when it holds more points, or as many reaching
    /// later. A reading after Prometheus' retention dropped the start never makes the stored chart poorer, and reading
    /// the same again writes nothing.
    /// </summary>
    public static bool IsRicher(ChartSnapshot? stored, ChartSnapshot? fresh)
    {
        if (fresh is null)
        {
            return false;
        }

        if (stored is null)
        {
            return true;
        }

        var (freshPoints, storedPoints) = (Points(fresh), Points(stored));
        return freshPoints > storedPoints || (freshPoints == storedPoints && End(fresh) > End(stored));
    }

    private static long Points(ChartSnapshot chart) =>
        chart.Series.Sum(s => (long)s.Values.Count(v => !double.IsNaN(v)));

    private static long End(ChartSnapshot chart) =>
        chart.StartMs + (chart.StepMs * (chart.Series.Count == 0 ? 0 : chart.Series.Max(s => s.Values.Length)));
}
