using Portal.Domain.Runbooks;

namespace Portal.Tests.Unit.Domain.Runbooks;

public class RunbookLimitsTests
{
    private static IReadOnlyList<Portal.Domain.Catalog.FieldError> Check(
        string slug = "ok", string title = "Title", string[]? tags = null, string team = "sre", string body = "# Body", int? days = 90) =>
        RunbookLimits.Check(slug, title, RunbookLimits.NormalizeTags(tags ?? ["db"]), team, body, days);

    [Fact]
    public void Check_OfAnOrdinaryRunbook_FindsNothing() => Assert.Empty(Check());

    [Fact]
    public void Body_OfExactly1MB_IsAccepted_OneByteMore_IsRefused()
    {
        Assert.Empty(Check(body: new string('a', RunbookLimits.MaxBodyBytes)));

        var error = Assert.Single(Check(body: new string('a', RunbookLimits.MaxBodyBytes + 1)));
        Assert.Equal("body", error.Field);
        Assert.Contains("1 MB", error.Message);
    }

    [Fact]
    public void Body_IsMeasuredInUtf8Bytes_NotCharacters()
    {
        // 400,000 characters of three UTF-8 bytes each: 1.2 MB.
        var error = Assert.Single(Check(body: new string('€', 400_000)));
        Assert.Equal("body", error.Field);
    }

    [Fact]
    public void Title_IsNeeded_AndHasAtMost200Characters()
    {
        Assert.Equal("title", Assert.Single(Check(title: " ")).Field);
        Assert.Empty(Check(title: new string('t', 200)));
        Assert.Contains("201 characters", Assert.Single(Check(title: new string('t', 201))).Message);
    }

    [Fact]
    public void Tags_AreNormalized_TrimmedLowerCasedAndEachOnce() =>
        Assert.Equal(["db", "postgres"], RunbookLimits.NormalizeTags([" DB", "postgres", "db", "", null]));

    [Fact]
    public void Tags_MoreThan20_AreRefused()
    {
        Assert.Empty(Check(tags: Enumerable.Range(0, 20).Select(i => $"t{i}").ToArray()));
        Assert.Equal("tags", Assert.Single(Check(tags: Enumerable.Range(0, 21).Select(i => $"t{i}").ToArray())).Field);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-dash-first")]
    [InlineData("slash/tag")]
    public void Tag_OutsideTheRule_IsRefused_NamedByItsPlace(string tag)
    {
        var error = Assert.Single(Check(tags: ["fine", tag]));

        Assert.Equal("tags[1]", error.Field);
        Assert.Contains(RunbookLimits.TagRule, error.Message);
    }

    [Fact]
    public void Tag_Of41Characters_IsRefused() =>
        Assert.Equal("tags[0]", Assert.Single(Check(tags: [new string('a', 41)])).Field);

    [Theory]
    [InlineData(0)]
    [InlineData(731)]
    [InlineData(-5)]
    public void ReviewInterval_Outside1To730Days_IsRefused(int days) =>
        Assert.Equal("reviewIntervalDays", Assert.Single(Check(days: days)).Field);

    [Theory]
    [InlineData(1)]
    [InlineData(730)]
    [InlineData(null)]
    public void ReviewInterval_Within1To730DaysOrNone_IsAccepted(int? days) => Assert.Empty(Check(days: days));

    [Fact]
    public void SearchMarkers_InTheBody_AreRefusedWithTheirPosition()
    {
        var error = Assert.Single(Check(body: "line one\nfake \u0002highlight\u0003"));

        Assert.Equal("body", error.Field);
        Assert.Equal(new Portal.Domain.PromQl.Position(2, 6), error.Position);
    }

    [Fact]
    public void Nul_IsRefusedBeforeAnythingElse()
    {
        var error = Assert.Single(Check(slug: "BAD SLUG", body: "a\0b"));

        Assert.Equal("body", error.Field);
        Assert.Contains("U+0000", error.Message);
    }

    [Fact]
    public void Team_IsNeeded() => Assert.Equal("team", Assert.Single(Check(team: "")).Field);

    [Fact]
    public void DefaultTemplate_HasEverySectionOnCallPeopleLookFor()
    {
        foreach (var section in RunbookTemplates.Sections)
        {
            Assert.Contains("## " + section + "\n", RunbookTemplates.OnCall.Body.ReplaceLineEndings("\n"));
        }

        Assert.Empty(RunbookLimits.CheckBody(RunbookTemplates.OnCall.Body));
        Assert.Equal(RunbookTemplates.DefaultName, RunbookTemplates.Defaults[0].Name);
    }
}
