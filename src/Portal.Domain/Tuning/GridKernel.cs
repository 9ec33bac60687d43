using System.Numerics;
using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// Firing episodes and firing steps at every threshold × <c>for</c>, summed over series, in time
/// proportional to the samples (times the number of <c>for</c> values), not to thresholds × samples.
/// </summary>
/// <remarks>
/// For one series and threshold the alert follows from the runs of holding steps (see <see cref="SweepKernel"/>):
/// with k = ceil(for / interval) and m = ceil(keep_firing_for / interval), runs separated by at most m
/// missed evaluations form a cluster; a cluster fires once if one of its runs is longer than k, from k
/// steps into that first long run until m steps past its last run (or the end of the range). Clusters
/// do not depend on k, so one structure answers every <c>for</c>.
/// For &gt;, &gt;=, &lt; and &lt;= the thresholds nest: walking them from the strictest to the loosest only
/// adds steps. Each added step joins at most one run on either side and at most two clusters (a union-find),
/// and the totals per k are updated by removing the old clusters' share and adding the merged one's.
/// == and != do not nest; each of their thresholds is built from scratch the same way.
/// </remarks>
internal static class GridKernel
{
    /// <param name="thresholds">Distinct, ascending, at most <see cref="ushort.MaxValue"/>.</param>
    /// <param name="ks">Evaluations needed to fire, per row (ceil(for / interval), capped at steps + 1).</param>
    /// <returns>Per row and threshold (index <c>row * thresholds + t</c>): firing episodes and evaluations spent firing.</returns>
    public static (long[] Episodes, long[] FiringSteps) Run(EvaluationGrid grid, double[] thresholds, int[] ks)
    {
        var count = thresholds.Length;
        var n = grid.Steps;
        var episodes = new long[ks.Length * count];
        var firing = new long[ks.Length * count];
        var runs = new Clusters(n, ks, CeilSteps(grid.KeepFiringForMs, grid.IntervalMs, n));

        if (grid.Operator is TokenKind.Eql or TokenKind.Neq)
        {
            var values = new double[n];
            var present = new bool[n];
            for (var s = 0; s < grid.SeriesCount; s++)
            {
                Array.Clear(present);
                var sink = new ValueSink(values, present);
                grid.Align(s, ref sink);
                for (var t = 0; t < count; t++)
                {
                    runs.Reset();
                    for (var i = 0; i < n; i++)
                    {
                        if (present[i] && Comparisons.Holds(grid.Operator, values[i], thresholds[t]))
                        {
                            runs.Add(i);
                        }
                    }
                    runs.AddTotalsTo(episodes, firing, count, t);
                }
            }

            return (episodes, firing);
        }

        var ascending = grid.Operator is TokenKind.Gtr or TokenKind.Gte;
        var index = new ThresholdIndex(thresholds, grid.Operator);
        var ranks = new ushort[n];
        var byRank = new int[n];
        var rankStart = new int[count + 2];
        for (var s = 0; s < grid.SeriesCount; s++)
        {
            Array.Clear(ranks);
            var sink = new RankSink(ranks, index);
            grid.Align(s, ref sink);

            // Level j (0 = loosest) holds the steps of rank > j.
            ThresholdIndex.SortByRank(ranks, rankStart, byRank);
            if (rankStart[1] == n)
            {
                continue;
            }

            runs.Reset();
            for (var level = count - 1; level >= 0; level--)
            {
                for (var p = rankStart[level + 1]; p < rankStart[level + 2]; p++)
                {
                    runs.Add(byRank[p]);
                }
                if (!runs.Empty)
                {
                    runs.AddTotalsTo(episodes, firing, count, ascending ? level : count - 1 - level);
                }
            }
        }

        return (episodes, firing);
    }

    /// <summary>Evaluations needed to cover a duration, capped so that "longer than the range" stays an int.</summary>
    public static int CeilSteps(long durationMs, long intervalMs, int steps) =>
        (int)Math.Min(steps + 1L, (durationMs + intervalMs - 1) / intervalMs);

    /// <summary>
    /// The holding steps of one series as runs and clusters, with the episodes and firing steps they make
    /// at every k. Arrays are sized once and reused; only the bitset is cleared between uses, because
    /// every other slot is written when its step is added, before it is read.
    /// </summary>
    private sealed class Clusters
    {
        private const int None = int.MaxValue;

        private readonly int _n;
        private readonly int _m;
        private readonly int[] _ks;
        private readonly ulong[] _bits;
        private readonly int[] _runEnd;     // at a run's first step: its end (exclusive)
        private readonly int[] _runStart;   // at a run's last step: its start
        private readonly int[] _parent;     // union-find over steps; a root carries its cluster
        private readonly int[] _start;
        private readonly int[] _end;
        private readonly int[] _longest;
        private readonly int[] _firstLong;  // root * ks + j: start of the cluster's first run longer than ks[j]
        private readonly long[] _episodes;
        private readonly long[] _firing;

        public Clusters(int n, int[] ks, int m)
        {
            (_n, _ks, _m) = (n, ks, m);
            _bits = new ulong[(n + 63) / 64];
            _runEnd = new int[n];
            _runStart = new int[n];
            _parent = new int[n];
            _start = new int[n];
            _end = new int[n];
            _longest = new int[n];
            _firstLong = new int[n * ks.Length];
            _episodes = new long[ks.Length];
            _firing = new long[ks.Length];
        }

        public bool Empty { get; private set; } = true;

        public void Reset()
        {
            Array.Clear(_bits);
            Array.Clear(_episodes);
            Array.Clear(_firing);
            Empty = true;
        }

        public void AddTotalsTo(long[] episodes, long[] firing, int thresholds, int at)
        {
            for (var j = 0; j < _ks.Length; j++)
            {
                episodes[j * thresholds + at] += _episodes[j];
                firing[j * thresholds + at] += _firing[j];
            }
        }

        /// <summary>Step <paramref name="p"/> (not yet holding) now holds.</summary>
        public void Add(int p)
        {
            Empty = false;
            var a = p > 0 && IsSet(p - 1) ? _runStart[p - 1] : p;
            var b = p + 1 < _n && IsSet(p + 1) ? _runEnd[p + 1] : p + 1;

            // The nearest holding steps within m missed evaluations belong to the same cluster as p.
            var left = PreviousSet(p, Math.Max(0, p - 1 - _m));
            var right = NextSet(p, (int)Math.Min(_n - 1L, p + 1L + _m));
            var l = left >= 0 ? Find(left) : -1;
            var r = right >= 0 ? Find(right) : -1;
            if (r == l)
            {
                r = -1;
            }

            _bits[p >> 6] |= 1UL << p;
            _runEnd[a] = b;
            _runStart[b - 1] = a;

            var ks = _ks.Length;
            var start = a;
            var end = b;
            var longest = b - a;
            if (l >= 0)
            {
                Subtract(l);
                (start, end, longest) = (Math.Min(start, _start[l]), Math.Max(end, _end[l]), Math.Max(longest, _longest[l]));
            }
            if (r >= 0)
            {
                Subtract(r);
                (start, end, longest) = (Math.Min(start, _start[r]), Math.Max(end, _end[r]), Math.Max(longest, _longest[r]));
            }

            var root = l >= 0 ? l : r >= 0 ? r : p;
            _parent[p] = root;
            if (r >= 0)
            {
                _parent[r] = root;
            }
            for (var j = 0; j < ks; j++)
            {
                // Runs only grow, so the first long run is the leftmost of: the old ones and the new one.
                var first = b - a > _ks[j] ? a : None;
                if (l >= 0)
                {
                    first = Math.Min(first, _firstLong[l * ks + j]);
                }
                if (r >= 0)
                {
                    first = Math.Min(first, _firstLong[r * ks + j]);
                }
                _firstLong[root * ks + j] = first;
            }
            (_start[root], _end[root], _longest[root]) = (start, end, longest);
            Contribute(root, +1);
        }

        private void Subtract(int root) => Contribute(root, -1);

        private void Contribute(int root, int sign)
        {
            var ks = _ks.Length;
            var longest = _longest[root];
            var end = _end[root];
            var tail = Math.Min(_m, _n - end);
            for (var j = 0; j < ks; j++)
            {
                if (longest <= _ks[j])
                {
                    continue;
                }
                _episodes[j] += sign;
                _firing[j] += sign * (end - _firstLong[root * ks + j] - _ks[j] + tail);
            }
        }

        private int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }
            return x;
        }

        private bool IsSet(int i) => (_bits[i >> 6] & (1UL << i)) != 0;

        /// <summary>The highest holding step in [<paramref name="low"/>, p - 1], or -1.</summary>
        private int PreviousSet(int p, int low)
        {
            var i = p - 1;
            if (i < low)
            {
                return -1;
            }
            var w = i >> 6;
            var word = _bits[w] & (ulong.MaxValue >> (63 - (i & 63)));
            while (true)
            {
                if (word != 0)
                {
                    var at = (w << 6) + 63 - BitOperations.LeadingZeroCount(word);
                    return at >= low ? at : -1;
                }
                if (--w < 0 || (w << 6) + 63 < low)
                {
                    return -1;
                }
                word = _bits[w];
            }
        }

        /// <summary>The lowest holding step in [p + 1, <paramref name="high"/>], or -1.</summary>
        private int NextSet(int p, int high)
        {
            var i = p + 1;
            if (i > high)
            {
                return -1;
            }
            var w = i >> 6;
            var word = _bits[w] & (ulong.MaxValue << (i & 63));
            while (true)
            {
                if (word != 0)
                {
                    var at = (w << 6) + BitOperations.TrailingZeroCount(word);
                    return at <= high ? at : -1;
                }
                if (++w >= _bits.Length || w << 6 > high)
                {
                    return -1;
                }
                word = _bits[w];
            }
        }
    }

    private readonly ref struct RankSink(Span<ushort> ranks, ThresholdIndex index) : ISampleSink
    {
        private readonly Span<ushort> _ranks = ranks;

        public void Add(int step, double value) => _ranks[step] = index.Rank(value);
    }

    private readonly ref struct ValueSink(Span<double> values, Span<bool> present) : ISampleSink
    {
        private readonly Span<double> _values = values;
        private readonly Span<bool> _present = present;

        public void Add(int step, double value)
        {
            _values[step] = value;
            _present[step] = true;
        }
    }
}
