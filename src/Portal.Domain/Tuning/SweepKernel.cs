using System.Numerics;
using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// Firing episodes and firing steps of one rule at many thresholds, summed over series, without
/// replaying every evaluation for every threshold.
/// </summary>
/// <remarks>
/// Per series the condition is a set of "holding" steps, and the thresholds nest these sets (a stricter
/// threshold holds at a subset of the steps). Each step gets a rank: the number of thresholds, from the
/// loosest, at which it holds. Walking the thresholds from loosest to strictest then only removes
/// steps from a bitset, each once, and the alert's behaviour follows from the runs of set bits:
/// a run of L steps fires after k = ceil(for / interval) of them (if L &gt; k); a firing alert bridges
/// a gap of at most m = ceil(keep_firing_for / interval) missed evaluations and otherwise stays firing for
/// m more evaluations before it resolves. <see cref="AlertStateMachine"/> is the step-by-step
/// definition; the unit tests hold this to it.
/// </remarks>
internal static class SweepKernel
{
    /// <param name="thresholds">Distinct, ascending, at most <see cref="ushort.MaxValue"/>.</param>
    /// <returns>Per threshold (same order): firing episodes and evaluations spent firing.</returns>
    public static (long[] Episodes, long[] FiringSteps) Run(EvaluationGrid grid, double[] thresholds)
    {
        var count = thresholds.Length;
        var n = grid.Steps;
        var ascending = grid.Operator is TokenKind.Gtr or TokenKind.Gte;
        var k = CeilSteps(grid.ForMs, grid.IntervalMs, n);
        var m = CeilSteps(grid.KeepFiringForMs, grid.IntervalMs, n);
        var episodes = new long[count];
        var firing = new long[count];
        var ranks = new ushort[n];
        var byRank = new int[n];
        var rankStart = new int[count + 2];
        var bits = new ulong[(n + 63) / 64];
        var index = new ThresholdIndex(thresholds, grid.Operator);

        for (var s = 0; s < grid.SeriesCount; s++)
        {
            Array.Clear(ranks);
            var sink = new RankSink(ranks, index);
            grid.Align(s, ref sink);

            // Level j can then drop exactly the steps of rank j.
            ThresholdIndex.SortByRank(ranks, rankStart, byRank);

            Array.Clear(bits);
            var population = 0;
            for (var i = 0; i < n; i++)
            {
                if (ranks[i] > 0)
                {
                    bits[i >> 6] |= 1UL << i;
                    population++;
                }
            }

            long levelEpisodes = 0, levelFiring = 0;
            for (var level = 0; level < count && population > 0; level++)
            {
                var removed = rankStart[level + 1] - rankStart[level];
                if (level > 0)
                {
                    for (var p = rankStart[level]; p < rankStart[level + 1]; p++)
                    {
                        bits[byRank[p] >> 6] &= ~(1UL << byRank[p]);
                    }
                    population -= removed;
                }

                // An unchanged bitset gives the previous level's answer again; tails often repeat for many levels.
                if (level == 0 || removed > 0)
                {
                    (levelEpisodes, levelFiring) = Walk(bits, n, k, m);
                }

                var at = ascending ? level : count - 1 - level;
                episodes[at] += levelEpisodes;
                firing[at] += levelFiring;
            }
        }

        return (episodes, firing);
    }

    /// <summary>Firing episodes and firing steps of one series whose holding steps are <paramref name="bits"/>.</summary>
    /// <remarks>
    /// Runs are found from their boundaries, a word at a time: a run starts where a set bit follows a
    /// clear one and ends where a clear bit follows a set one; within a word starts and ends alternate.
    /// </remarks>
    private static (long Episodes, long Firing) Walk(ulong[] bits, int n, int k, int m)
    {
        long episodes = 0, firing = 0;
        var isFiring = false;
        int runStart = 0, previousEnd = 0;
        ulong carry = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            var shifted = (word << 1) | carry;
            carry = word >> 63;
            var starts = word & ~shifted;
            var boundaries = starts | (~word & shifted);
            while (boundaries != 0)
            {
                var at = (w << 6) + BitOperations.TrailingZeroCount(boundaries);
                var isStart = (starts & boundaries & (~boundaries + 1)) != 0;
                boundaries &= boundaries - 1;
                if (isStart)
                {
                    runStart = at;
                    if (isFiring)
                    {
                        var gap = at - previousEnd;
                        if (gap <= m)
                        {
                            firing += gap;
                        }
                        else
                        {
                            firing += m;
                            isFiring = false;
                        }
                    }
                }
                else
                {
                    (episodes, firing, isFiring) = EndRun(runStart, at, k, episodes, firing, isFiring);
                    previousEnd = at;
                }
            }
        }

        // Bits past n are clear, so only a run reaching exactly a word boundary at n is still open.
        if (carry != 0)
        {
            (episodes, firing, isFiring) = EndRun(runStart, n, k, episodes, firing, isFiring);
            previousEnd = n;
        }
        if (isFiring)
        {
            firing += Math.Min(m, n - previousEnd);
        }

        return (episodes, firing);
    }

    /// <summary>A run that ends while firing adds its length; otherwise it fires after k evaluations if it lasts longer.</summary>
    private static (long Episodes, long Firing, bool IsFiring) EndRun(int start, int end, int k, long episodes, long firing, bool isFiring)
    {
        var length = end - start;
        if (isFiring)
        {
            return (episodes, firing + length, true);
        }
        return length > k ? (episodes + 1, firing + length - k, true) : (episodes, firing, false);
    }

    private readonly ref struct RankSink(Span<ushort> ranks, ThresholdIndex index) : ISampleSink
    {
        private readonly Span<ushort> _ranks = ranks;

        public void Add(int step, double value) => _ranks[step] = index.Rank(value);
    }

    /// <summary>Evaluations needed to cover a duration, capped so that "longer than the range" stays an int.</summary>
    private static int CeilSteps(long durationMs, long intervalMs, int steps) =>
        (int)Math.Min(steps + 1L, (durationMs + intervalMs - 1) / intervalMs);
}
