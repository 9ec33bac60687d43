using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Domain.Runbooks;

/// <summary>One runbook cut out of an imported document: its heading as the title, a suggested slug, and the text under it.</summary>
public sealed record ImportedRunbook(string Title, string Slug, string Body);

/// <summary>The runbooks found, and a sentence when some were left out (past <see cref="RunbookImport.MaxRunbooks"/>).</summary>
public sealed record RunbookSplit(IReadOnlyList<ImportedRunbook> Runbooks, string? Note);

/// <summary>
/// Splits an imported Markdown document into one runbook per heading of a chosen level (1–3). Headings are found by
/// Markdig, so a <c>#</c> line inside a code fence never splits. Text before the first such heading becomes a runbook of
/// its own only when it says something beyond headings (an introduction is kept, a lone document title is not).
/// </summary>
public static class RunbookImport
{
    public const int MaxRunbooks = 500;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = RunbookMarkdown.MaxNestingDepth }.Build();

    public static RunbookSplit Split(string markdown, int level)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 3);
        if (markdown.Length > RunbookMarkdown.MaxBytes || Encoding.UTF8.GetByteCount(markdown) > RunbookMarkdown.MaxBytes)
        {
            throw new RunbookTooLargeException(Math.Max(markdown.Length, Encoding.UTF8.GetByteCount(markdown)));
        }

        var document = Markdown.Parse(markdown, Pipeline);

        // Cut at every top-level heading of the chosen level or above: a higher heading ends the section before it.
        var cuts = document.OfType<HeadingBlock>().Where(h => h.Level <= level).ToList();
        var runbooks = new List<ImportedRunbook>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;

        void Add(string? title, string body)
        {
            if (runbooks.Count == MaxRunbooks)
            {
                skipped++;
                return;
            }

            var name = string.IsNullOrWhiteSpace(title) ? FirstHeading(body) ?? "Introduction" : title;
            runbooks.Add(new ImportedRunbook(name, Unique(RunbookSlug.Suggest(name), slugs), body.Trim('\r', '\n')));
        }

        var preambleEnd = cuts.Count == 0 ? markdown.Length : cuts[0].Span.Start;
        var preamble = markdown[..preambleEnd];
        if (HasContent(preamble))
        {
            Add(null, preamble);
        }

        for (var i = 0; i < cuts.Count; i++)
        {
            var heading = cuts[i];
            var bodyStart = Math.Min(markdown.Length, heading.Span.End + 1);
            var bodyEnd = i + 1 < cuts.Count ? cuts[i + 1].Span.Start : markdown.Length;
            var body = markdown[bodyStart..bodyEnd];

            // A higher heading between sections (a part title) is kept only when text stands under it.
            if (heading.Level < level && !HasContent(body))
            {
                continue;
            }

            Add(TextOf(heading), body);
        }

        return new RunbookSplit(runbooks, skipped == 0
            ? null
            : $"The document has {MaxRunbooks + skipped:N0} sections; the first {MaxRunbooks:N0} were kept and {skipped:N0} left out.");
    }

    /// <summary>
    /// The whole document as one runbook: a heading that opens it becomes the title (and leaves the body, as
    /// <see cref="Split"/> does with its headings); without one, <paramref name="fallbackTitle"/> is the title.
    /// </summary>
    public static RunbookSplit Whole(string markdown, string fallbackTitle)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length > RunbookMarkdown.MaxBytes || Encoding.UTF8.GetByteCount(markdown) > RunbookMarkdown.MaxBytes)
        {
            throw new RunbookTooLargeException(Math.Max(markdown.Length, Encoding.UTF8.GetByteCount(markdown)));
        }

        var document = Markdown.Parse(markdown, Pipeline);
        if (document.FirstOrDefault() is HeadingBlock first && TextOf(first) is { Length: > 0 } title)
        {
            var body = markdown[Math.Min(markdown.Length, first.Span.End + 1)..];
            return new RunbookSplit([new ImportedRunbook(title, RunbookSlug.Suggest(title), body.Trim('\r', '\n'))], null);
        }

        return new RunbookSplit([new ImportedRunbook(fallbackTitle, RunbookSlug.Suggest(fallbackTitle), markdown.Trim('\r', '\n'))], null);
    }

    /// <summary>How many headings (of any level) a runbook's body has: the preview's measure of its structure.</summary>
    public static int SectionCount(string markdown) =>
        string.IsNullOrEmpty(markdown) ? 0 : Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().Count();

    private static string Unique(string slug, HashSet<string> taken)
    {
        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    // Something besides headings and blank lines, read by Markdig.
    private static bool HasContent(string text) =>
        !string.IsNullOrWhiteSpace(text) && Markdown.Parse(text, Pipeline).Any(b => b is not HeadingBlock && b is not LinkReferenceDefinitionGroup);

    private static string? FirstHeading(string text) =>
        Markdown.Parse(text, Pipeline).OfType<HeadingBlock>().Select(TextOf).FirstOrDefault(t => t.Length > 0);

    private static string TextOf(HeadingBlock heading)
    {
        var text = new StringBuilder();
        foreach (var inline in heading.Inline?.Descendants<Inline>() ?? [])
        {
            if (inline is LiteralInline literal)
            {
                text.Append(literal.Content.AsSpan());
            }
            else if (inline is CodeInline code)
            {
                text.Append(code.Content);
            }
        }

        return text.ToString().Trim();
    }
}
