using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// For a sample value: at how many of the sweep's thresholds, from the loosest, the condition holds.
/// Mostly evenly spaced thresholds make a lookup table by value (32 cells per threshold, so a cell
/// rarely holds one) a near-exact first guess; a short walk against the thresholds themselves then
/// makes the answer exact, whatever the rounding of the guess.
/// </summary>
internal sealed class ThresholdIndex
{
    private readonly double[] _sorted;
    private readonly TokenKind _op;
    private readonly int[] _guess;
    private readonly double _scale;
    private readonly int _first;
    private readonly int _last;

    /// <param name="sorted">Distinct thresholds, ascending.</param>
    public ThresholdIndex(double[] sorted, TokenKind op)
    {
        _sorted = sorted;
        _op = op;
        _guess = new int[Math.Max(1, sorted.Length * 32)];

        // The table spans the finite thresholds only: an infinite current threshold would stretch it to nothing.
        _first = Array.FindIndex(sorted, double.IsFinite);
        _last = Array.FindLastIndex(sorted, double.IsFinite);
        var span = _first < 0 ? 0 : sorted[_last] - sorted[_first];
        _scale = span > 0 && double.IsFinite(span) ? _guess.Length / span : 0;
        for (int cell = 0, at = _first; _scale > 0 && cell < _guess.Length; cell++)
        {
            var left = sorted[_first] + cell / _scale;
            while (at < sorted.Length && sorted[at] < left)
            {
                at++;
            }
            _guess[cell] = at;
        }
    }

    /// <summary>NaN breaches no threshold: Go's comparisons are false for it (except !=, not swept).</summary>
    public ushort Rank(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        var count = _sorted.Length;
        return (ushort)(_op switch
        {
            TokenKind.Gtr => Below(value),
            TokenKind.Gte => AtOrBelow(value),
            TokenKind.Lss => count - AtOrBelow(value),
            _ => count - Below(value),
        });
    }

    /// <summary>The number of thresholds below <paramref name="value"/>.</summary>
    private int Below(double value)
    {
        var at = Guess(value);
        while (at > 0 && _sorted[at - 1] >= value)
        {
            at--;
        }
        while (at < _sorted.Length && _sorted[at] < value)
        {
            at++;
        }
        return at;
    }

    /// <summary>The number of thresholds at or below <paramref name="value"/>.</summary>
    private int AtOrBelow(double value)
    {
        var at = Guess(value);
        while (at > 0 && _sorted[at - 1] > value)
        {
            at--;
        }
        while (at < _sorted.Length && _sorted[at] <= value)
        {
            at++;
        }
        return at;
    }

    private int Guess(double value)
    {
        if (_scale == 0)
        {
            return 0;
        }
        if (!(value > _sorted[_first]))
        {
            return _first;
        }
        if (value >= _sorted[_last])
        {
            return _last;
        }
        return _guess[Math.Min(_guess.Length - 1, (int)((value - _sorted[_first]) * _scale))];
    }

    /// <summary>
    /// Counting sort of steps by rank: afterwards the steps of rank r are <c>byRank[rankStart[r]..rankStart[r + 1]]</c>,
    /// so walking the thresholds can take exactly the steps that change at each one.
    /// </summary>
    public static void SortByRank(ReadOnlySpan<ushort> ranks, int[] rankStart, int[] byRank)
    {
        Array.Clear(rankStart);
        foreach (var r in ranks)
        {
            rankStart[r + 1]++;
        }
        for (var r = 1; r < rankStart.Length; r++)
        {
            rankStart[r] += rankStart[r - 1];
        }
        var next = (int[])rankStart.Clone();
        for (var i = 0; i < ranks.Length; i++)
        {
            byRank[next[ranks[i]]++] = i;
        }
    }
}
