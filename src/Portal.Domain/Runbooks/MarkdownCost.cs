using System.Globalization;

namespace Portal.Domain.Runbooks;

/// <summary>
/// A linear look at the Markdown for the shapes Markdig handles in more than linear time: quotes and list markers
/// stacked on one line (each level re-reads the rest of the line), and lines crowded with unclosed <c>](</c> (each
/// one scans to the end of the line for a link destination: 30,000 of them on one line took 14 seconds). Such a body
/// is shown as plain text instead; no runbook a person wrote looks like this.
/// </summary>
internal static class MarkdownCost
{
    // "](" count × line length: 1,000 links on a 3,000-character line is about 3 million and renders in well under
    // 100 ms; a table row with 50 links in 10 KB is 500,000.
    private const long MaxLinkScan = 3_000_000;

    // Emphasis and bracket delimiters on one line, each kept on Markdig's delimiter stack: 300,000 of them took seconds.
    private const int MaxDelimitersPerLine = 10_000;

    // Table cell separators in the whole body: 49,000 lines with a pipe took over a second; 20,000 is a table of thousands of rows.
    private const int MaxPipes = 20_000;

    /// <summary>Why the body would be too costly to render as Markdown, or null.</summary>
    public static string? Problem(string markdown, int maxDepth)
    {
        if (markdown.AsSpan().Count('|') > MaxPipes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"its tables have more than {MaxPipes:N0} cells");
        }

        var lineNumber = 0;
        for (var start = 0; start < markdown.Length;)
        {
            lineNumber++;
            var end = markdown.IndexOf('\n', start);
            end = end < 0 ? markdown.Length : end;
            var line = markdown.AsSpan(start, end - start);
            if (PrefixDepth(line) > maxDepth)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"line {lineNumber} nests quotes or lists more than {maxDepth} levels deep");
            }

            if ((long)line.Length * Occurrences(line) > MaxLinkScan)
            {
                return string.Create(CultureInfo.InvariantCulture, $"line {lineNumber} holds more link brackets than can be read in reasonable time");
            }

            if (line.Length > MaxDelimitersPerLine && Delimiters(line) > MaxDelimitersPerLine)
            {
                return string.Create(CultureInfo.InvariantCulture, $"line {lineNumber} holds more than {MaxDelimitersPerLine:N0} emphasis or link marks");
            }

            start = end + 1;
        }

        return null;
    }

    // Block quote and list markers at the start of a line, each of which opens one more level.
    private static int PrefixDepth(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                i++;
            }
            else if (c == '>')
            {
                depth++;
                i++;
            }
            else if (c is '-' or '*' or '+' && (i + 1 == line.Length || line[i + 1] is ' ' or '\t'))
            {
                depth++;
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < line.Length && j - i < 9 && char.IsAsciiDigit(line[j]))
                {
                    j++;
                }

                if (j < line.Length && line[j] is '.' or ')' && (j + 1 == line.Length || line[j + 1] is ' ' or '\t'))
                {
                    depth++;
                    i = j + 1;
                }
                else
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }

        return depth;
    }

    private static int Delimiters(ReadOnlySpan<char> line)
    {
        var count = 0;
        foreach (var c in line)
        {
            if (c is '[' or ']' or '*' or '_' or '~' or '`' or '<' or '!')
            {
                count++;
            }
        }

        return count;
    }

    private static int Occurrences(ReadOnlySpan<char> line)
    {
        var count = 0;
        for (var at = line.IndexOf("](", StringComparison.Ordinal); at >= 0;)
        {
            count++;
            var next = line[(at + 2)..].IndexOf("](", StringComparison.Ordinal);
            if (next < 0)
            {
                break;
            }

            line = line[(at + 2)..];
            at = next;
        }

        return count;
    }
}
