using Portal.Domain.Runbooks;

namespace Portal.Tests.Unit.Domain.Runbooks;

public class RunbookMarkdownTests
{
    private static string Html(RenderedRunbook rendered) => string.Concat(rendered.Parts.Select(p => p.Html ?? ""));

    [Fact]
    public void Render_PipeTable_BecomesTableWithAlignmentAsClass()
    {
        var html = Html(RunbookMarkdown.Render("| a | b |\n|---|--:|\n| 1 | 2 |\n"));

        Assert.Contains("<table>", html);
        Assert.Contains("<td>1</td>", html);
        Assert.Contains("class=\"align-right\"", html);
        Assert.DoesNotContain("style", html);
    }

    [Fact]
    public void Render_TaskList_KeepsDisabledCheckboxes()
    {
        var html = Html(RunbookMarkdown.Render("- [x] paged\n- [ ] fixed\n"));

        Assert.Equal(2, CountOf(html, "type=\"checkbox\""));
        Assert.Equal(2, CountOf(html, "disabled=\"disabled\""));
        Assert.Contains("checked", html);
    }

    [Fact]
    public void Render_Headings_GetStableUniqueAnchorsAndATableOfContentsOfLevelsTwoToFour()
    {
        var rendered = RunbookMarkdown.Render("## Summary\n### Check `up`\n#### Deep\n##### Too deep\n## Summary\n");

        Assert.Equal(
            [new TocEntry(2, "Summary", "summary"), new TocEntry(3, "Check up", "check-up"), new TocEntry(4, "Deep", "deep"), new TocEntry(2, "Summary", "summary-1")],
            rendered.Toc);
        var html = Html(rendered);
        Assert.Contains("<h2 id=\"summary\">", html);
        Assert.Contains("<h2 id=\"summary-1\">", html);
        Assert.Equal(rendered.Toc, RunbookMarkdown.Render("## Summary\n### Check `up`\n#### Deep\n##### Too deep\n## Summary\n").Toc);
    }

    [Fact]
    public void Render_SectionsWrittenWithOneHash_SitBelowThePagesTitle_NeverAsASecondH1()
    {
        var rendered = RunbookMarkdown.Render("# Summary\ntext\n## Details\n# Immediate actions\n###### Deepest\n");

        var html = Html(rendered);
        Assert.DoesNotContain("<h1", html);
        Assert.Contains("<h2 id=\"summary\">Summary</h2>", html);
        Assert.Contains("<h3 id=\"details\">Details</h3>", html);
        Assert.Contains("<h6 id=\"deepest\">Deepest</h6>", html);
        Assert.Equal([(2, "Summary"), (3, "Details"), (2, "Immediate actions")], rendered.Toc.Select(t => (t.Level, t.Text)));
    }

    [Fact]
    public void Render_TaskListTickBoxes_AreDisabledAndSayWhatTheyShow()
    {
        var html = Html(RunbookMarkdown.Render("- [x] paged the owner\n- [ ] opened an incident\n"));

        Assert.Contains("aria-label=\"done\"", html);
        Assert.Contains("aria-label=\"not done\"", html);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<input[^>]*disabled"));
    }

    [Fact]
    public void Render_BareUrl_BecomesExternalLinkWithSafeRel()
    {
        var html = Html(RunbookMarkdown.Render("See https://prometheus.io/docs for details.\n"));

        Assert.Contains("<a href=\"https://prometheus.io/docs\" rel=\"noopener noreferrer nofollow\">", html);
    }

    [Fact]
    public void Render_AnchorAndRelativeLinks_StayWithoutRel()
    {
        var html = Html(RunbookMarkdown.Render("[up](#summary) and [rules](/rules)\n"));

        Assert.Contains("<a href=\"#summary\">", html);
        Assert.Contains("<a href=\"/rules\">", html);
    }

    [Fact]
    public void Render_ProtocolRelativeLink_CountsAsExternal()
    {
        var html = Html(RunbookMarkdown.Render("[x](//example.org/a)\n"));

        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Fact]
    public void Render_RawHtml_IsShownAsText()
    {
        var html = Html(RunbookMarkdown.Render("<b>bold</b> and <script>alert(1)</script>\n"));

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void Render_YamlAndBashFences_AreEscapedWithALanguageClass()
    {
        var html = Html(RunbookMarkdown.Render("```yaml\nkey: <value>\n```\n\n```bash\necho \"a && b\"\n```\n"));

        Assert.Contains("<pre><code class=\"language-yaml\">key: &lt;value&gt;", html);
        Assert.Contains("<pre><code class=\"language-bash\">echo \"a &amp;&amp; b\"", html);
    }

    [Fact]
    public void Render_FenceWithHostileInfoString_GetsNoClass()
    {
        var html = Html(RunbookMarkdown.Render("```\"><img src=x onerror=alert(1)>\ncode\n```\n"));

        Assert.Contains("<pre><code>code", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public void Render_PromQlInsideAList_IsHighlightedCodeWithSpans()
    {
        var html = Html(RunbookMarkdown.Render("1. check\n\n   ```promql\n   sum by (job) (rate(http_requests_total{code=\"500\"}[5m])) > 0.5\n   ```\n"));

        Assert.Contains("<code class=\"language-promql\">", html);
        Assert.Contains("<span class=\"pql-keyword\">sum</span>", html);
        Assert.Contains("<span class=\"pql-keyword\">by</span>", html);
        Assert.Contains("<span class=\"pql-label\">job</span>", html);
        Assert.Contains("<span class=\"pql-function\">rate</span>", html);
        Assert.Contains("<span class=\"pql-metric\">http_requests_total</span>", html);
        Assert.Contains("<span class=\"pql-label\">code</span>", html);
        Assert.Contains("<span class=\"pql-string\">\"500\"</span>", html);
        Assert.Contains("<span class=\"pql-duration\">5m</span>", html);
        Assert.Contains("<span class=\"pql-number\">0.5</span>", html);
        Assert.Contains("<span class=\"pql-operator\">&gt;</span>", html);
    }

    [Fact]
    public void Highlight_QueryWithLexicalError_ColoursUpToTheMistakeAndKeepsTheRestAsText()
    {
        var html = Html(RunbookMarkdown.Render("> ```promql\n> up{job=\"a\n> ```\n"));

        Assert.Contains("<span class=\"pql-metric\">up</span>{<span class=\"pql-label\">job</span><span class=\"pql-operator\">=</span>", html);
        Assert.Contains("\"a", html.Replace("&quot;", "\""));
    }

    [Fact]
    public void Render_TopLevelPromQlFence_BecomesALiveBlockBetweenHtmlParts()
    {
        var rendered = RunbookMarkdown.Render("## Check\n\nbefore\n\n```promql\nup == 0\n```\n\nafter\n");

        Assert.Equal(3, rendered.Parts.Count);
        Assert.Contains("before", rendered.Parts[0].Html);
        Assert.Null(rendered.Parts[0].Live);
        Assert.Equal(new LiveBlock("up == 0", TimeSpan.FromHours(1), 5), rendered.Parts[1].Live);
        Assert.Null(rendered.Parts[1].Html);
        Assert.Contains("after", rendered.Parts[2].Html);
    }

    [Fact]
    public void Render_WithoutLiveBlocks_KeepsThePromQlFenceAsHighlightedCodeInOnePart()
    {
        var rendered = RunbookMarkdown.Render("before\n\n```promql\nup == 0\n```\n\nafter\n", liveBlocks: false);

        var part = Assert.Single(rendered.Parts);
        Assert.Null(part.Live);
        Assert.Contains("before", part.Html);
        Assert.Contains("<code", part.Html);
        Assert.Contains("up", part.Html);
        Assert.Contains("after", part.Html);
    }

    [Fact]
    public void Render_LiveBlocksFirstLastAndAdjacent_LeaveNoEmptyHtmlParts()
    {
        var rendered = RunbookMarkdown.Render("```promql\nup\n```\n\n```promql\ndown\n```\n\nbetween\n\n```promql\nlast\n```\n");

        Assert.Equal(["up", "down", null, "last"], rendered.Parts.Select(p => p.Live?.Query));
        Assert.Equal("<p>between</p>", rendered.Parts[2].Html);
    }

    [Fact]
    public void Render_LongRunbook_ComesInPiecesOffTheLargeObjectHeap_InOrder_WithTheLiveBlockInItsPlace()
    {
        var markdown = new System.Text.StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            markdown.Append("Paragraph ").Append(i).Append(' ').Append('x', 300).Append("\n\n");
            if (i == 200)
            {
                markdown.Append("```promql\nup\n```\n\n");
            }
        }

        var rendered = RunbookMarkdown.Render(markdown.ToString());

        // 85,000 bytes is where .NET puts an object on the large-object heap: 42,500 UTF-16 characters.
        Assert.All(rendered.Parts, p => Assert.True((p.Html?.Length ?? 0) < 42_500, $"a piece of {p.Html?.Length} characters"));
        Assert.True(rendered.Parts.Count(p => p.Html is not null) > 4);
        var live = rendered.Parts.ToList().FindIndex(p => p.Live is not null);
        var before = string.Concat(rendered.Parts.Take(live).Select(p => p.Html));
        var after = string.Concat(rendered.Parts.Skip(live + 1).Select(p => p.Html));
        Assert.EndsWith("Paragraph 200 " + new string('x', 300) + "</p>", before);
        Assert.StartsWith("<p>Paragraph 201 ", after);
        var numbers = System.Text.RegularExpressions.Regex.Matches(before + after, "Paragraph (\\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(0, 400), numbers);
    }

    [Fact]
    public void Render_TableInAListAndHeadingInAQuote_GetAlignmentClassAndTableOfContentsEntry()
    {
        var rendered = RunbookMarkdown.Render("- item\n\n  | a | b |\n  |:-:|---|\n  | 1 | 2 |\n\n> ## Quoted\n");
        var html = Html(rendered);

        Assert.Contains("<td class=\"align-center\">1</td>", html);
        Assert.Contains("<td>2</td>", html);
        Assert.DoesNotContain("style", html);
        Assert.Equal([new TocEntry(2, "Quoted", "quoted")], rendered.Toc);
    }

    [Theory]
    [InlineData("range=6h", 6 * 60)]
    [InlineData("range=5m", 5)]
    [InlineData("range=30d", 30 * 24 * 60)]
    [InlineData("RANGE=1h30m", 90)]
    public void Render_FenceRange_SetsTheLiveBlocksRange(string options, int minutes)
    {
        var rendered = RunbookMarkdown.Render($"```promql {options}\nup\n```\n");

        Assert.Equal(TimeSpan.FromMinutes(minutes), Assert.Single(rendered.Parts).Live!.Range);
    }

    [Theory]
    [InlineData("range=4m", "range \"4m\" is not a duration from 5m to 30d")]
    [InlineData("range=31d", "range \"31d\"")]
    [InlineData("range=soon", "range \"soon\"")]
    [InlineData("colour=red", "unknown option \"colour=red\"")]
    public void Render_BadFenceOption_KeepsTheDefaultHourAndSaysSoAboveTheBlock(string options, string expected)
    {
        var rendered = RunbookMarkdown.Render($"text\n\n```promql {options}\nup\n```\n");

        var note = rendered.Parts[^2].Html!;
        Assert.Contains("Line 3: ", note);
        Assert.Contains(expected.Replace("\"", "&quot;"), note.Replace("\"", "&quot;"));
        Assert.Contains("The chart below shows the last 1h.", note);
        Assert.Equal(TimeSpan.FromHours(1), rendered.Parts[^1].Live!.Range);
    }

    [Fact]
    public void Render_LiveBlockLines_AreOneBasedFenceLines()
    {
        var rendered = RunbookMarkdown.Render("# T\n\n```promql\na\n```\n\ntext\n\n```promql range=2h\nb\n```\n");

        Assert.Equal([3, 9], rendered.Parts.Where(p => p.Live is not null).Select(p => p.Live!.Line));
    }

    [Fact]
    public void Render_EmptyPromQlFence_IsNoLiveBlock()
    {
        var rendered = RunbookMarkdown.Render("```promql\n\n```\n");

        Assert.All(rendered.Parts, p => Assert.Null(p.Live));
    }

    [Fact]
    public void Render_MoreThanTwentyPromQlFences_KeepsTwentyLiveAndHighlightsTheRest()
    {
        var markdown = string.Concat(Enumerable.Range(0, 25).Select(i => $"```promql\nup{{n=\"{i}\"}}\n```\n\n"));

        var rendered = RunbookMarkdown.Render(markdown);

        Assert.Equal(RunbookMarkdown.MaxLiveBlocks, rendered.Parts.Count(p => p.Live is not null));
        var rest = Html(rendered);
        Assert.Equal(5, CountOf(rest, "<code class=\"language-promql\">"));
        Assert.Contains("&quot;24&quot;", rest.Replace("\"24\"", "&quot;24&quot;"));
    }

    [Fact]
    public void Render_BodyOverOneMegabyte_IsRefusedWithItsSize()
    {
        var error = Assert.Throws<RunbookTooLargeException>(() => RunbookMarkdown.Render(new string('a', RunbookMarkdown.MaxBytes + 1)));

        Assert.Equal(RunbookMarkdown.MaxBytes + 1, error.Size);
        Assert.Contains("1 MB", error.Message);
    }

    [Fact]
    public void Render_MultibyteBodyOverOneMegabyteInUtf8_IsRefused()
    {
        // 400,000 euro signs are 1.2 MB in UTF-8 while the string is shorter than the limit.
        Assert.Throws<RunbookTooLargeException>(() => RunbookMarkdown.Render(new string('€', 400_000)));
    }

    [Fact]
    public void Render_BodyAtTheLimit_Renders()
    {
        var rendered = RunbookMarkdown.Render(new string('a', RunbookMarkdown.MaxBytes));

        Assert.Single(rendered.Parts);
    }

    [Theory]
    [InlineData(">", 10_000)]
    [InlineData("- ", 10_000)]
    [InlineData("* > ", 5_000)]
    [InlineData("1. ", 5_000)]
    [InlineData("[", 300_000)]
    [InlineData("*a", 300_000)]
    [InlineData("[](", 300_000)]
    [InlineData("a|\n", 100_000)]
    public void Render_HostileShapes_AreShownAsPlainTextWithTheReason(string unit, int count)
    {
        var markdown = string.Concat(Enumerable.Repeat(unit, count)) + " bottom\n";

        var html = Html(RunbookMarkdown.Render(markdown));

        Assert.StartsWith("<p class=\"runbook-note\">This runbook is shown as plain text: ", html);
        Assert.Contains("<pre><code>", html);
        Assert.EndsWith(" bottom\n</code></pre>", html);
    }

    [Fact]
    public void Render_SixtyNestedQuotes_StillRenderAsQuotes()
    {
        var html = Html(RunbookMarkdown.Render(string.Concat(Enumerable.Repeat("> ", 60)) + "deep\n"));

        Assert.Equal(60, CountOf(html, "<blockquote>"));
    }

    [Fact]
    public void Render_ManyNestedListLevelsOnSeparateLines_RendersWithoutOverflowingTheStack()
    {
        var markdown = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "- item\n"));

        var html = Html(RunbookMarkdown.Render(markdown));

        // Markdig's own depth limit stops it; the text is kept.
        Assert.Contains("more than 64 levels deep", html);
        Assert.Contains("- item", html);
    }

    [Fact]
    public void Render_ManyHeadings_CutsTheTableOfContents()
    {
        var markdown = string.Concat(Enumerable.Range(0, 600).Select(i => $"## H{i}\n"));

        Assert.Equal(RunbookMarkdown.MaxTocEntries, RunbookMarkdown.Render(markdown).Toc.Count);
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
