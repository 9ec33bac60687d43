using System.Buffers;

namespace Portal.Domain.Tuning;

/// <summary>
/// Exact quantiles of millions of values without sorting them all: values are counted into buckets
/// over their range, and only the few buckets that hold a wanted rank are looked at again (recursively,
/// so one far outlier that squeezes everything into one bucket costs one more round, not a full sort).
/// </summary>
internal static class Quantiles
{
    private const int Buckets = 4096;
    private const int SortBelow = 16_384;
    private static readonly double[] Wanted = [0.5, 0.9, 0.99, 0.999];

    /// <summary>Quantiles of the finite values of all series in range; null when there are none.</summary>
    public static ValueQuantiles? Compute(EvaluationGrid grid)
    {
        var all = ArrayPool<double>.Shared.Rent(Math.Max(1, grid.SeriesCount * grid.Steps));
        try
        {
            var finite = new FiniteValues(all);
            for (var s = 0; s < grid.SeriesCount; s++)
            {
                grid.Align(s, ref finite);
            }

            var count = finite.Count;

            if (count == 0)
            {
                return null;
            }

            // Two neighbouring ranks per quantile for the interpolation, plus the extremes.
            var ranks = new SortedSet<long> { 0, count - 1 };
            foreach (var q in Wanted)
            {
                var rank = (long)Math.Floor(q * (count - 1));
                ranks.Add(rank);
                ranks.Add(Math.Min(rank + 1, count - 1));
            }

            var wantedRanks = ranks.ToArray();
            var results = new double[wantedRanks.Length];
            OrderStatistics(all.AsSpan(0, count), finite.Min, finite.Max, wantedRanks, results, 0);
            double At(long rank) => results[Array.IndexOf(wantedRanks, rank)];
            double Quantile(double q)
            {
                var position = q * (count - 1);
                var lower = (long)Math.Floor(position);
                var weight = position - lower;
                return At(lower) * (1 - weight) + At(Math.Min(lower + 1, count - 1)) * weight;
            }

            return new ValueQuantiles(count, At(0), Quantile(0.5), Quantile(0.9), Quantile(0.99), Quantile(0.999), At(count - 1));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(all);
        }
    }

    /// <summary>The values at the given ranks (ascending) of <paramref name="values"/> in sorted order.</summary>
    private static void OrderStatistics(Span<double> values, double min, double max, ReadOnlySpan<long> ranks, Span<double> results, int depth)
    {
        if (min == max)
        {
            results.Fill(min);
            return;
        }

        var scale = (Buckets - 1) / (max - min);
        if (values.Length <= SortBelow || depth >= 4 || !double.IsFinite(scale) || scale == 0)
        {
            values.Sort();
            for (var i = 0; i < ranks.Length; i++)
            {
                results[i] = values[(int)ranks[i]];
            }
            return;
        }

        // Subtraction and multiplication by a positive number never reorder values, so bucket order is value order.
        var counts = new int[Buckets + 1];
        foreach (var v in values)
        {
            counts[Bucket(v, min, scale) + 1]++;
        }
        for (var b = 1; b <= Buckets; b++)
        {
            counts[b] += counts[b - 1];
        }

        // One more pass gathers every bucket that holds a wanted rank; the rest is never looked at again.
        var slotOfBucket = new int[Buckets];
        Array.Fill(slotOfBucket, -1);
        var groups = new List<(int Bucket, int FirstRank, int EndRank)>();
        for (var i = 0; i < ranks.Length;)
        {
            var bucket = BucketOfRank(counts, ranks[i]);
            var first = i;
            while (i < ranks.Length && ranks[i] < counts[bucket + 1])
            {
                i++;
            }
            slotOfBucket[bucket] = groups.Count;
            groups.Add((bucket, first, i));
        }

        var inside = groups.Select(g => new double[counts[g.Bucket + 1] - counts[g.Bucket]]).ToArray();
        var filled = new int[groups.Count];
        var lows = Enumerable.Repeat(double.MaxValue, groups.Count).ToArray();
        var highs = Enumerable.Repeat(double.MinValue, groups.Count).ToArray();
        foreach (var v in values)
        {
            var slot = slotOfBucket[Bucket(v, min, scale)];
            if (slot >= 0)
            {
                inside[slot][filled[slot]++] = v;
                lows[slot] = Math.Min(lows[slot], v);
                highs[slot] = Math.Max(highs[slot], v);
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var (bucket, first, end) = groups[g];
            var local = new long[end - first];
            for (var r = 0; r < local.Length; r++)
            {
                local[r] = ranks[first + r] - counts[bucket];
            }
            OrderStatistics(inside[g], lows[g], highs[g], local, results[first..end], depth + 1);
        }
    }

    /// <summary>Collects the finite values; NaN and infinities have no place on a threshold axis.</summary>
    private struct FiniteValues(double[] all) : ISampleSink
    {
        public int Count;
        public double Min = double.MaxValue;
        public double Max = double.MinValue;

        public void Add(int step, double value)
        {
            if (double.IsFinite(value))
            {
                all[Count++] = value;
                Min = Math.Min(Min, value);
                Max = Math.Max(Max, value);
            }
        }
    }

    private static int Bucket(double v, double min, double scale) => Math.Min(Buckets - 1, (int)((v - min) * scale));

    private static int BucketOfRank(int[] cumulative, long rank)
    {
        var bucket = 0;
        while (cumulative[bucket + 1] <= rank)
        {
            bucket++;
        }
        return bucket;
    }
}
