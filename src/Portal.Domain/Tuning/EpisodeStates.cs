namespace Portal.Domain.Tuning;

/// <summary>
/// The state of a series at every evaluation, read from its episodes instead of stored: pending from
/// an episode's start until it fires, firing until it resolves, inactive in between. A week at 30 s
/// steps for hundreds of series would otherwise be megabytes that the charts never look at.
/// </summary>
internal sealed class EpisodeStates(IReadOnlyList<AlertEpisode> episodes, long startMs, long intervalMs, int steps) : IReadOnlyList<AlertState>
{
    public int Count => steps;

    public AlertState this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, steps);
            var t = startMs + index * intervalMs;

            // The last episode that started at or before t; episodes are in time order and never overlap.
            int lo = 0, hi = episodes.Count - 1, found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                if (episodes[mid].PendingSinceMs <= t)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return found < 0 ? AlertState.Inactive : StateAt(episodes[found], t);
        }
    }

    public IEnumerator<AlertState> GetEnumerator()
    {
        var next = 0;
        for (var i = 0; i < steps; i++)
        {
            var t = startMs + i * intervalMs;
            while (next < episodes.Count && episodes[next].ResolvedAtMs is { } resolved && resolved <= t)
            {
                next++;
            }
            yield return next < episodes.Count && episodes[next].PendingSinceMs <= t ? StateAt(episodes[next], t) : AlertState.Inactive;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private static AlertState StateAt(AlertEpisode episode, long t) =>
        episode.ResolvedAtMs is { } resolved && resolved <= t ? AlertState.Inactive
        : episode.FiringSinceMs is { } firing && firing <= t ? AlertState.Firing
        : AlertState.Pending;
}
