using System.Net;
using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Domain.Runbooks;

/// <summary>
/// Markdown to safe HTML for runbooks: Markdig with raw HTML disabled, then every piece through
/// <see cref="RunbookHtml"/>'s allow-list. A top-level ```promql fence becomes a <see cref="LiveBlock"/> between the
/// HTML pieces; a fence inside a list or a quote stays highlighted code, so no list or quote is cut in two.
/// </summary>
public static class RunbookMarkdown
{
    /// <summary>The largest body rendered (UTF-8 bytes); the store refuses larger bodies with the same number.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Live blocks per runbook; later ```promql fences render as highlighted code, so one page cannot fire hundreds of queries.</summary>
    public const int MaxLiveBlocks = 20;

    /// <summary>Table of contents entries kept; a runbook with more headings than this is not one people read by its contents.</summary>
    public const int MaxTocEntries = 500;

    /// <summary>Nesting of quotes and lists beyond this is cut by Markdig, which keeps parsing and rendering off deep recursion.</summary>
    public const int MaxNestingDepth = 64;

    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinRange = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(30);

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder
        {
            MaximumNestingDepth = MaxNestingDepth,
        }
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    /// <summary>Renders <paramref name="markdown"/>; a body over <see cref="MaxBytes"/> throws <see cref="RunbookTooLargeException"/>.</summary>
    /// <param name="liveBlocks">
    /// False renders every ```promql fence as highlighted code: an incident writeup is a record of what was, and a query
    /// of Prometheus now would put today's numbers into it.
    /// </param>
    public static RenderedRunbook Render(string markdown, bool liveBlocks = true)
    {
        ArgumentNullException.ThrowIfNull(markdown);

        // Counting the bytes of a string far over the limit would itself be work an attacker chooses; its length decides first.
        if (markdown.Length > MaxBytes || Encoding.UTF8.GetByteCount(markdown) is var bytes && bytes > MaxBytes)
        {
            throw new RunbookTooLargeException(markdown.Length > MaxBytes ? markdown.Length : Encoding.UTF8.GetByteCount(markdown));
        }

        if (MarkdownCost.Problem(markdown, MaxNestingDepth) is { } problem)
        {
            return AsPlainText(markdown, problem);
        }

        try
        {
            return RenderParsed(Markdown.Parse(markdown, Pipeline), markdown.Length, liveBlocks ? MaxLiveBlocks : 0);
        }
        catch (ArgumentException e) when (e.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            // Nesting built over many lines (indented lists) is stopped by Markdig's own limit rather than recursed into.
            return AsPlainText(markdown, $"it nests quotes or lists more than {MaxNestingDepth} levels deep");
        }
    }

    private static RenderedRunbook AsPlainText(string markdown, string why) =>
        new(
        [
            new RunbookPart(RunbookHtml.Sanitize(
                $"<p class=\"runbook-note\">This runbook is shown as plain text: {WebUtility.HtmlEncode(why)}.</p>"
                + $"<pre><code>{WebUtility.HtmlEncode(markdown)}</code></pre>"), null),
        ], []);

    private static RenderedRunbook RenderParsed(MarkdownDocument document, int markdownLength, int maxLiveBlocks)
    {
        var headings = new List<HeadingBlock>();
        Prepare(document, headings);

        // The page's title is its one h1: a runbook that uses # for its sections has them moved one level down
        // (# → h2, ## → h3), so the outline stays whole and the contents list its top sections either way.
        if (headings.Count > 0 && headings.Min(h => h.Level) == 1)
        {
            foreach (var heading in headings)
            {
                heading.Level = Math.Min(heading.Level + 1, 6);
            }
        }

        var toc = Toc(headings);

        // The whole document is sanitized in one pass (one parse instead of one per piece), then cut where the live blocks go.
        using var writer = RunbookHtml.NewDocumentWriter(markdownLength);
        var renderer = NewRenderer(writer);
        var blocks = new List<LiveBlock>();

        foreach (var block in document)
        {
            if (blocks.Count < maxLiveBlocks && block is FencedCodeBlock fence && IsLive(fence))
            {
                var (range, note) = LiveRange(fence);
                if (note is not null)
                {
                    writer.Write($"<p class=\"runbook-note\">{WebUtility.HtmlEncode(note)}</p>\n");
                }

                writer.Write(RunbookHtml.Cut);
                writer.Write('\n');
                blocks.Add(new LiveBlock(CodeOf(fence).Trim(), range, fence.Line + 1));
            }
            else
            {
                renderer.Render(block);
            }
        }

        var pieces = RunbookHtml.SanitizeAndCut(writer);
        var parts = new List<RunbookPart>(pieces.Count);
        var live = 0;
        foreach (var piece in pieces)
        {
            if (piece is not null)
            {
                parts.Add(new RunbookPart(piece, null));
            }
            else if (live < blocks.Count)
            {
                parts.Add(new RunbookPart(null, blocks[live++]));
            }
            else
            {
                live++;
            }
        }

        if (live != blocks.Count)
        {
            throw new InvalidOperationException($"The sanitized runbook has {live} live-block places for {blocks.Count} live blocks.");
        }

        return new RenderedRunbook(parts, toc);
    }

    /// <summary>The text of a code block, its lines joined with <c>\n</c>.</summary>
    internal static string CodeOf(LeafBlock block) => block.Lines.ToString();

    /// <summary>The language a fence names, if it is a plain word (anything else is not trusted into a class name).</summary>
    internal static string? Language(FencedCodeBlock fence)
    {
        var info = fence.Info?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(info) || info.Length > 32 || !info.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '#' or '-')
            ? null
            : info;
    }

    private static bool IsLive(FencedCodeBlock fence) => Language(fence) == "promql" && !string.IsNullOrWhiteSpace(CodeOf(fence));

    /// <summary>
    /// The fence's <c>range=</c>. A range that is not a duration from 5m to 30d, or any other option, does not lose the
    /// chart: the block shows the default hour and a note above it says what was ignored and where.
    /// </summary>
    private static (TimeSpan Range, string? Note) LiveRange(FencedCodeBlock fence)
    {
        var range = DefaultRange;
        var problems = new List<string>();
        foreach (var option in (fence.Arguments ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!option.StartsWith("range=", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"unknown option \"{Shorten(option)}\" (only range= is understood)");
                continue;
            }

            var text = option["range=".Length..];
            if (PromQl.PromQlParser.ParseDuration(text) is { } parsed && parsed >= MinRange && parsed <= MaxRange)
            {
                range = parsed;
            }
            else
            {
                problems.Add($"range \"{Shorten(text)}\" is not a duration from 5m to 30d");
            }
        }

        return problems.Count == 0
            ? (range, null)
            : (range, $"Line {fence.Line + 1}: {string.Join("; ", problems)}. The chart below shows the last {RuleFiles.PromDuration.FromTimeSpan(range)}.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static HtmlRenderer NewRenderer(TextWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new RunbookCodeBlockRenderer());
        return renderer;
    }

    /// <summary>
    /// One walk over the blocks before rendering: the headings (for their levels and the table of contents), and table alignment as a class. Markdig
    /// writes alignment as a style attribute, which the sanitizer drops (no CSS is allowed); a class it keeps.
    /// </summary>
    private static void Prepare(ContainerBlock container, List<HeadingBlock> headings)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    headings.Add(heading);
                    break;
                case Table table:
                    AlignByClass(table);
                    Prepare(table, headings);
                    break;
                case ContainerBlock inner:
                    Prepare(inner, headings);
                    break;
            }
        }
    }

    private static List<TocEntry> Toc(List<HeadingBlock> headings)
    {
        var toc = new List<TocEntry>();
        foreach (var heading in headings)
        {
            // Levels as rendered (after RenderParsed moved # sections to h2).
            if (heading.Level is >= 2 and <= 4 && heading.GetAttributes().Id is { Length: > 0 } id)
            {
                toc.Add(new TocEntry(heading.Level, PlainText(heading), id));
                if (toc.Count == MaxTocEntries)
                {
                    break;
                }
            }
        }

        return toc;
    }

    private static void AlignByClass(Table table)
    {
        var columns = table.ColumnDefinitions;
        if (columns.Count == 0)
        {
            return;
        }

        foreach (var rowBlock in table)
        {
            if (rowBlock is not TableRow row)
            {
                continue;
            }

            for (var i = 0; i < row.Count; i++)
            {
                if (row[i] is not TableCell cell)
                {
                    continue;
                }

                // The column Markdig's table renderer would take the alignment from.
                var column = Math.Min(cell.ColumnIndex < 0 || cell.ColumnIndex >= columns.Count ? i : cell.ColumnIndex, columns.Count - 1);
                switch (columns[column].Alignment)
                {
                    case TableColumnAlign.Left:
                        cell.GetAttributes().AddClass("align-left");
                        break;
                    case TableColumnAlign.Center:
                        cell.GetAttributes().AddClass("align-center");
                        break;
                    case TableColumnAlign.Right:
                        cell.GetAttributes().AddClass("align-right");
                        break;
                }
            }
        }

        foreach (var column in columns)
        {
            column.Alignment = null;
        }
    }

    private static string PlainText(HeadingBlock heading)
    {
        var text = new StringBuilder();
        if (heading.Inline is null)
        {
            return "";
        }

        foreach (var inline in heading.Inline.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString().Trim();
    }
}
