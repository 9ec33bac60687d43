using System.Text;

namespace Portal.Domain.RuleFiles;

/// <summary>Finds fenced code blocks the CommonMark way: backtick or tilde fences, closed by a fence at least as long.</summary>
internal static class MarkdownBlocks
{
    private static readonly string[] YamlInfo = ["yaml", "yml"];

    /// <summary>True when any line opens a fenced code block: then the text is Markdown, not YAML.</summary>
    public static bool HasFences(string text)
    {
        foreach (var line in Lines(text))
        {
            if (OpeningFence(line) is { Indent: <= 3 })
            {
                return true;
            }
        }

        return false;
    }

    public static IReadOnlyList<MarkdownBlock> YamlBlocks(string text)
    {
        var blocks = new List<MarkdownBlock>();
        Fence? open = null;
        var openLine = 0;
        var content = new StringBuilder();
        var lineNumber = 0;
        foreach (var line in Lines(text))
        {
            lineNumber++;
            if (open is null)
            {
                open = OpeningFence(line);
                openLine = lineNumber;
                content.Clear();
                continue;
            }

            if (IsClosing(line, open))
            {
                if (open.IsYaml)
                {
                    blocks.Add(new MarkdownBlock(openLine, open.Indent, content.ToString()));
                }

                open = null;
                continue;
            }

            if (open.IsYaml)
            {
                content.Append(StripIndent(line, open.Indent)).Append('\n');
            }
        }

        // CommonMark runs an unclosed fence to the end of the document.
        if (open is { IsYaml: true })
        {
            blocks.Add(new MarkdownBlock(openLine, open.Indent, content.ToString()));
        }

        return blocks;
    }

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                if (start < text.Length)
                {
                    yield return text[start..].TrimEnd('\r');
                }

                yield break;
            }

            yield return text[start..end].TrimEnd('\r');
            start = end + 1;
        }
    }

    /// <summary>
    /// Fences inside list items are indented more than CommonMark's three spaces; people write them,
    /// so any indentation opens a fence and that indentation is removed from the block's lines.
    /// </summary>
    private static Fence? OpeningFence(string line)
    {
        var indent = 0;
        while (indent < line.Length && line[indent] == ' ')
        {
            indent++;
        }

        if (indent >= line.Length || line[indent] is not ('`' or '~'))
        {
            return null;
        }

        var marker = line[indent];
        var length = 0;
        while (indent + length < line.Length && line[indent + length] == marker)
        {
            length++;
        }

        if (length < 3)
        {
            return null;
        }

        var info = line[(indent + length)..].Trim();
        if (marker == '`' && info.Contains('`', StringComparison.Ordinal))
        {
            return null;
        }

        var language = info.Split([' ', '\t', '{', ','], 2)[0].ToLowerInvariant();
        return new Fence(marker, length, indent, YamlInfo.Contains(language));
    }

    private static bool IsClosing(string line, Fence open)
    {
        var trimmed = line.TrimStart(' ');
        var length = 0;
        while (length < trimmed.Length && trimmed[length] == open.Marker)
        {
            length++;
        }

        return length >= open.Length && trimmed[length..].Trim().Length == 0;
    }

    private static string StripIndent(string line, int indent)
    {
        var strip = 0;
        while (strip < indent && strip < line.Length && line[strip] == ' ')
        {
            strip++;
        }

        return line[strip..];
    }

    private sealed record Fence(char Marker, int Length, int Indent, bool IsYaml);
}
