using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.Catalog;

public class StorableTextTests
{
    [Theory]
    [InlineData("", -1)]
    [InlineData("plain text, emoji \U0001F525 and all", -1)]
    [InlineData("ab\0c", 2)]
    public void Find_ReturnsTheFirstNul(string value, int expected) =>
        Assert.Equal(expected, StorableText.Find(value));

    // Not a theory: attribute arguments are stored as UTF-8, which has no lone surrogates to pass.
    [Fact]
    public void Find_ReturnsTheFirstLoneSurrogate_ButPassesPairs()
    {
        Assert.Equal(0, StorableText.Find("\uD800x"));
        Assert.Equal(1, StorableText.Find("x\uDC00"));
        Assert.Equal(1, StorableText.Find("x\uD83D"));
        Assert.Equal(2, StorableText.Find("\U0001F525\uDC00"));
        Assert.Equal(-1, StorableText.Find("\uD83D\uDD25"));
    }

    [Fact]
    public void Replace_KeepsPairedSurrogates_AndReplacesTheRest() =>
        Assert.Equal("a\uFFFD\U0001F525\uFFFDb\uFFFD", StorableText.Replace("a\0\U0001F525\uDC00b\uD800"));

    [Fact]
    public void Check_OnASecondLine_GivesTheLineAndColumn()
    {
        var error = StorableText.Check("text", "first\nse\0cond");

        Assert.NotNull(error);
        Assert.Equal("text", error.Field);
        Assert.Equal((2, 3), (error.Position!.Value.Line, error.Position.Value.Column));
        Assert.Contains("U+0000", error.Message);
    }

    [Fact]
    public void CheckOfARule_NamesTheLabelOrAnnotationByItsKey()
    {
        var rule = new RuleContent(RuleKind.Alerting, "Fine", "up == 0", null, null,
            LabelMap.From([KeyValuePair.Create("team", "pay\0")]), LabelMap.From([KeyValuePair.Create("summary", "\0")]));

        Assert.Equal(["labels.team", "annotations.summary"], StorableText.Check(rule).Select(e => e.Field));
    }
}
