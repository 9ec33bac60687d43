using Portal.Domain.Queries;

namespace Portal.Infrastructure.Caching;

/// <summary>
/// How a planned range is cut into cacheable pieces: chunks of a fixed number of steps, aligned to
/// multiples of their own length since the epoch, so the same wall-clock hours always make the same
/// chunks and "last 7 days" asked again a minute later finds all but the newest ones cached.
/// </summary>
internal static class RangeChunks
{
    public const int StepsPerChunk = 240;

    /// <summary>Chunks overlapping the plan, first to last; each covers [Start, Start + (StepsPerChunk - 1) × step].</summary>
    public static IReadOnlyList<DateTimeOffset> Starts(RangePlan plan)
    {
        var length = plan.Step.Ticks * StepsPerChunk;
        var first = plan.Start.UtcTicks - plan.Start.UtcTicks % length;
        var starts = new List<DateTimeOffset>();
        for (var t = first; t <= plan.End.UtcTicks; t += length)
        {
            starts.Add(new DateTimeOffset(t, TimeSpan.Zero));
        }

        return starts;
    }

    public static DateTimeOffset LastStep(DateTimeOffset chunkStart, TimeSpan step) => chunkStart + step * (StepsPerChunk - 1);

    /// <summary>Most chunks one upstream query may cover without passing Prometheus' points limit.</summary>
    public const int MaxChunksPerQuery = RangePlan.MaxPointsPerSeries / StepsPerChunk;

    /// <summary>Fewest chunks worth a query of their own: below this a second round trip costs more than it saves.</summary>
    public const int MinChunksPerPiece = 8;

    /// <summary>
    /// Adjacent chunk starts grouped into runs, so a cold range costs one upstream query per run, not
    /// per chunk; a run never covers more points than Prometheus answers in one query. A long run is cut
    /// into up to <paramref name="parallel"/> pieces of equal length (never shorter than
    /// <see cref="MinChunksPerPiece"/>), which the caller asks for side by side: Prometheus evaluates
    /// each query on one goroutine, so a week asked in two halves is computed on two cores.
    /// </summary>
    public static IEnumerable<(DateTimeOffset First, DateTimeOffset Last)> Runs(IReadOnlyList<DateTimeOffset> starts, TimeSpan step, int parallel = 1)
    {
        var length = step * StepsPerChunk;
        for (var i = 0; i < starts.Count;)
        {
            var j = i;
            while (j + 1 < starts.Count && starts[j + 1] - starts[j] == length)
            {
                j++;
            }

            var count = j - i + 1;
            var pieces = Math.Max((count + MaxChunksPerQuery - 1) / MaxChunksPerQuery, Math.Min(parallel, count / MinChunksPerPiece));
            for (var p = 0; p < pieces; p++)
            {
                // Shares within one chunk of each other: 46 chunks in two pieces are 23 and 23, in three 15, 15 and 16.
                var (from, to) = (i + count * p / pieces, i + count * (p + 1) / pieces - 1);
                yield return (starts[from], starts[to]);
            }

            i = j + 1;
        }
    }
}
