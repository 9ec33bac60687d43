using Portal.Domain.Runbooks;

namespace Portal.Tests.Unit.Domain.Runbooks;

public class RunbookSlugTests
{
    [Theory]
    [InlineData("postgres-high-connections")]
    [InlineData("a")]
    [InlineData("redis7")]
    [InlineData("0-1-2")]
    public void Check_AcceptsLowerCaseWordsJoinedBySingleHyphens(string slug) => Assert.Null(RunbookSlug.Check(slug));

    [Theory]
    [InlineData("Postgres")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("double--hyphen")]
    [InlineData("under_score")]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("ünïcode")]
    public void Check_RefusesOthers_QuotingTheSlugAndSayingTheRule(string slug)
    {
        var error = RunbookSlug.Check(slug)!;

        Assert.Equal("slug", error.Field);
        Assert.Contains($"\"{slug}\"", error.Message);
        Assert.Contains(RunbookSlug.Rule, error.Message);
    }

    [Fact]
    public void Check_Of81Characters_SaysHowLongItIs()
    {
        var error = RunbookSlug.Check(new string('a', 81))!;

        Assert.Contains("81 characters", error.Message);
        Assert.Null(RunbookSlug.Check(new string('a', 80)));
    }

    [Fact]
    public void Check_OfNothing_SaysASlugIsNeeded() => Assert.Contains("needs a slug", RunbookSlug.Check("")!.Message);

    [Theory]
    [InlineData("PostgreSQL: high connections!", "postgresql-high-connections")]
    [InlineData("  Redis — memory pressure  ", "redis-memory-pressure")]
    [InlineData("Café résumé", "cafe-resume")]
    [InlineData("5xx__errors", "5xx-errors")]
    [InlineData("!!!", "runbook")]
    [InlineData("", "runbook")]
    [InlineData("日本語", "runbook")]
    public void Suggest_MakesAValidSlugFromATitle(string title, string expected)
    {
        Assert.Equal(expected, RunbookSlug.Suggest(title));
        Assert.True(RunbookSlug.IsValid(RunbookSlug.Suggest(title)));
    }

    [Fact]
    public void Suggest_OfALongTitle_CutsAtAWordWithinTheLimit()
    {
        var slug = RunbookSlug.Suggest(string.Join(' ', Enumerable.Repeat("database", 30)));

        Assert.True(slug.Length <= RunbookSlug.MaxLength);
        Assert.True(RunbookSlug.IsValid(slug));
        Assert.EndsWith("database", slug);
    }

    [Fact]
    public void Suggest_OfOneEndlessWord_CutsAtTheLimit() =>
        Assert.Equal(RunbookSlug.MaxLength, RunbookSlug.Suggest(new string('x', 10_000)).Length);

    [Theory]
    [InlineData("new")]
    [InlineData("health")]
    public void ThePortalsOwnPagesUnderRunbooks_AreNotSlugs_AndSuggestionsStepAround(string page)
    {
        Assert.Contains("portal's own pages", RunbookSlug.Check(page)!.Message);
        Assert.Equal(page + "-runbook", RunbookSlug.Suggest(page.ToUpperInvariant()));
        Assert.Null(RunbookSlug.Check(RunbookSlug.Suggest(page)));
    }
}
