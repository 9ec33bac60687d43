namespace Portal.Domain.Lint;

/// <summary>
/// The names a person most likely meant when they typed one that does not exist: closest by edit
/// distance (a swap of two neighbouring letters counts as one edit, the commonest typing slip).
/// </summary>
public static class Suggestions
{
    /// <summary>
    /// Up to <paramref name="max"/> candidates within a distance that grows with the word's length
    /// (a third of it, at least 1, at most 4), closest first; ties go to the longer shared prefix, then
    /// to the shorter name, then to ordinal order, so the answer never depends on the candidates' order.
    /// </summary>
    public static IReadOnlyList<string> Closest(string word, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        if (max <= 0 || word.Length == 0)
        {
            return [];
        }

        var limit = MaxDistance(word);
        var ranked = new List<(string Name, int Distance, int Prefix)>();
        foreach (var candidate in candidates)
        {
            // The length difference is a lower bound of the distance: most of a large catalog is skipped here.
            if (string.IsNullOrEmpty(candidate) || candidate == word || Math.Abs(candidate.Length - word.Length) > limit)
            {
                continue;
            }

            var distance = Distance(word, candidate, limit);
            if (distance <= limit)
            {
                ranked.Add((candidate, distance, SharedPrefix(word, candidate)));
            }
        }

        return ranked
            .OrderBy(r => r.Distance)
            .ThenByDescending(r => r.Prefix)
            .ThenBy(r => r.Name.Length)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => r.Name)
            .Distinct(StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>How far a candidate may be from the word to be worth proposing.</summary>
    public static int MaxDistance(string word) => Math.Clamp(word.Length / 3, 1, 4);

    /// <summary>
    /// Optimal-string-alignment distance (insert, delete, substitute, swap neighbours), stopping early
    /// once every path exceeds <paramref name="limit"/>; the result is then <c>limit + 1</c>.
    /// </summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var cap = limit == int.MaxValue ? int.MaxValue : limit + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin >= cap)
            {
                return cap;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], cap);
    }

    private static int SharedPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
