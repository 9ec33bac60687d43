using Portal.Domain.Runbooks;

namespace Portal.Tests.Unit.Domain.Runbooks;

public class RunbookImportTests
{
    private const string Document = """
        # Operational runbooks

        ## Database slow

        Check `pg_stat_activity`.

        ### Steps

        1. look

        ## Cache full

        ```bash
        # not a heading: inside a fence
        redis-cli info memory
        ```

        ## Database slow

        Second one with the same title.
        """;

    [Fact]
    public void Split_AtLevelTwo_GivesOneRunbookPerSectionWithSubheadingsKept()
    {
        var split = RunbookImport.Split(Document, 2);

        Assert.Equal(["Database slow", "Cache full", "Database slow"], split.Runbooks.Select(r => r.Title));
        Assert.Contains("### Steps", split.Runbooks[0].Body);
        Assert.StartsWith("Check `pg_stat_activity`.", split.Runbooks[0].Body);
        Assert.Contains("# not a heading: inside a fence", split.Runbooks[1].Body);
        Assert.Null(split.Note);
    }

    [Fact]
    public void Split_SameTitleTwice_GetsDistinctSlugs()
    {
        var split = RunbookImport.Split(Document, 2);

        Assert.Equal(["database-slow", "cache-full", "database-slow-2"], split.Runbooks.Select(r => r.Slug));
    }

    [Fact]
    public void Split_DocumentTitleWithNothingUnderIt_IsNotARunbook()
    {
        Assert.DoesNotContain(RunbookImport.Split(Document, 2).Runbooks, r => r.Title == "Operational runbooks");
    }

    [Fact]
    public void Split_IntroductionBeforeTheFirstSection_BecomesARunbookOfItsOwn()
    {
        var split = RunbookImport.Split("# Runbooks\n\nRead this first.\n\n## One\n\nbody\n", 2);

        Assert.Equal(["Runbooks", "One"], split.Runbooks.Select(r => r.Title));
        Assert.Equal("Read this first.", split.Runbooks[0].Body);
    }

    [Fact]
    public void Split_TextBeforeAnyHeading_IsCalledIntroduction()
    {
        var split = RunbookImport.Split("Some words.\n\n# A\n\nx\n", 1);

        Assert.Equal(["Introduction", "A"], split.Runbooks.Select(r => r.Title));
    }

    [Fact]
    public void Split_AtLevelOne_KeepsEverythingUnderTheTitle()
    {
        var split = RunbookImport.Split(Document, 1);

        var only = Assert.Single(split.Runbooks);
        Assert.Equal("Operational runbooks", only.Title);
        Assert.Contains("## Cache full", only.Body);
    }

    [Fact]
    public void Split_NoHeadings_GivesTheWholeTextAsOneRunbook()
    {
        var only = Assert.Single(RunbookImport.Split("just text\n", 2).Runbooks);

        Assert.Equal(("Introduction", "introduction", "just text"), (only.Title, only.Slug, only.Body));
    }

    [Fact]
    public void Split_MoreSectionsThanTheLimit_KeepsTheFirstAndSaysHowManyWereLeftOut()
    {
        var markdown = string.Concat(Enumerable.Range(0, 510).Select(i => $"## S{i}\n\nx\n\n"));

        var split = RunbookImport.Split(markdown, 2);

        Assert.Equal(RunbookImport.MaxRunbooks, split.Runbooks.Count);
        Assert.Equal("The document has 510 sections; the first 500 were kept and 10 left out.", split.Note);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Split_LevelOutsideOneToThree_IsRefused(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunbookImport.Split("# a", level));
    }

    [Fact]
    public void Split_OverOneMegabyte_IsRefused()
    {
        Assert.Throws<RunbookTooLargeException>(() => RunbookImport.Split(new string('#', RunbookMarkdown.MaxBytes + 1), 2));
    }

    [Theory]
    [InlineData("Database slow!", "database-slow")]
    [InlineData("  Café -- Crème  ", "cafe-creme")]
    [InlineData("PostgreSQL: max_connections", "postgresql-max-connections")]
    [InlineData("!!!", "runbook")]
    [InlineData("日本", "runbook")]
    public void SuggestSlug_LowercaseWordsJoinedByHyphens(string title, string slug)
    {
        Assert.Equal(slug, RunbookSlug.Suggest(title));
    }

    [Fact]
    public void SuggestSlug_LongTitle_IsCutToEightyCharacters()
    {
        var slug = RunbookSlug.Suggest(string.Join(' ', Enumerable.Repeat("word", 50)));

        Assert.True(slug.Length <= 80);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void Whole_AnOpeningHeading_BecomesTheTitleAndLeavesTheBody()
    {
        var split = RunbookImport.Whole("# Disk full\n\n## Steps\n\nFree space.\n", "fallback");

        var runbook = Assert.Single(split.Runbooks);
        Assert.Equal(("Disk full", "disk-full"), (runbook.Title, runbook.Slug));
        Assert.Equal("## Steps\n\nFree space.", runbook.Body.ReplaceLineEndings("\n").Trim());
    }

    [Fact]
    public void Whole_TextBeforeAnyHeading_TakesTheFallbackTitleAndKeepsEverything()
    {
        var split = RunbookImport.Whole("Restart it.\n\n## Why\n\nBecause.", "notes from the wiki");

        var runbook = Assert.Single(split.Runbooks);
        Assert.Equal(("notes from the wiki", "notes-from-the-wiki"), (runbook.Title, runbook.Slug));
        Assert.StartsWith("Restart it.", runbook.Body);
        Assert.Contains("## Why", runbook.Body);
    }

    [Fact]
    public void SectionCount_CountsHeadingsButNotHashLinesInCode()
    {
        Assert.Equal(2, RunbookImport.SectionCount("## A\n\ntext\n\n```\n# not a heading\n```\n\n### B\n"));
        Assert.Equal(0, RunbookImport.SectionCount("just text"));
    }
}
