namespace Portal.Domain.Runbooks;

/// <summary>
/// A search snippet is plain text with each match between <see cref="Start"/> and <see cref="Stop"/>: the database
/// marks the matches with characters no runbook can hold, and the page turns them into highlighted runs, so a
/// runbook's own text never reaches the browser as markup.
/// </summary>
public static class SearchSnippet
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';

    /// <summary>The snippet as runs of text, each marked as a match or not.</summary>
    public static IReadOnlyList<(string Text, bool Match)> Runs(string snippet)
    {
        var runs = new List<(string, bool)>();
        var match = false;
        var from = 0;
        for (var i = 0; i <= snippet.Length; i++)
        {
            if (i < snippet.Length && snippet[i] != Start && snippet[i] != Stop)
            {
                continue;
            }

            if (i > from)
            {
                runs.Add((snippet[from..i], match));
            }

            if (i < snippet.Length)
            {
                match = snippet[i] == Start;
            }

            from = i + 1;
        }

        return runs;
    }
}
