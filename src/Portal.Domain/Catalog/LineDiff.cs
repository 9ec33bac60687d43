namespace Portal.Domain.Catalog;

/// <summary>
/// A line diff of two texts (versions of a rule's YAML): the longest common subsequence of lines stays,
/// everything else is removed from the old text or added in the new one, removals before additions.
/// </summary>
public static class LineDiff
{
    /// <summary>
    /// The LCS table grows with the product of the lengths; beyond this many cells the changed middle
    /// is shown as removed and added wholesale rather than spending memory on a perfect diff.
    /// </summary>
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compute(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var a = SplitLines(oldText);
        var b = SplitLines(newText);

        // Versions of one rule differ in a few lines: the common ends need no table.
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var result = new List<DiffLine>(Math.Max(a.Count, b.Count) + 4);
        for (var i = 0; i < prefix; i++)
        {
            result.Add(new DiffLine(DiffKind.Unchanged, a[i], i + 1, i + 1));
        }

        DiffMiddle(a, b, prefix, a.Count - suffix, prefix, b.Count - suffix, result);

        for (var k = suffix; k > 0; k--)
        {
            int i = a.Count - k, j = b.Count - k;
            result.Add(new DiffLine(DiffKind.Unchanged, a[i], i + 1, j + 1));
        }

        return result;
    }

    /// <summary>Lines split at \n or \r\n; a final line break does not start another (empty) line.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static void DiffMiddle(IReadOnlyList<string> a, IReadOnlyList<string> b, int aStart, int aEnd, int bStart, int bEnd, List<DiffLine> result)
    {
        int n = aEnd - aStart, m = bEnd - bStart;
        if ((long)n * m > MaxCells)
        {
            for (var i = aStart; i < aEnd; i++)
            {
                result.Add(new DiffLine(DiffKind.Removed, a[i], i + 1, null));
            }

            for (var j = bStart; j < bEnd; j++)
            {
                result.Add(new DiffLine(DiffKind.Added, b[j], null, j + 1));
            }

            return;
        }

        // lcs[i, j]: length of the longest common subsequence of a[i..] and b[j..] (relative to the middle).
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[aStart + i] == b[bStart + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[aStart + x] == b[bStart + y])
            {
                result.Add(new DiffLine(DiffKind.Unchanged, a[aStart + x], aStart + x + 1, bStart + y + 1));
                x++;
                y++;
            }
            else if (y == m || (x < n && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                result.Add(new DiffLine(DiffKind.Removed, a[aStart + x], aStart + x + 1, null));
                x++;
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Added, b[bStart + y], null, bStart + y + 1));
                y++;
            }
        }
    }
}
