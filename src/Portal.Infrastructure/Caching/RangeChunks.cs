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

    /// <summary>Adjacent chunk starts grouped into runs, so a cold range costs one upstream query per run, not per chunk.</summary>
    public static IEnumerable<(DateTimeOffset First, DateTimeOffset Last)> Runs(IReadOnlyList<DateTimeOffset> starts, TimeSpan step)
    {
        var length = step * StepsPerChunk;
        for (var i = 0; i < starts.Count;)
        {
            var j = i;
            while (j + 1 < starts.Count && starts[j + 1] - starts[j] == length)
            {
                j++;
            }

            yield return (starts[i], starts[j]);
            i = j + 1;
        }
    }
}
