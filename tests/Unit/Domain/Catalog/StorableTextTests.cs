using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.Catalog;

public class StorableTextTests
{
    [Theory]
    [InlineData("", -1)]
    [InlineData("plain text, emoji \U0001F525 and all", -1)]
    [InlineData("ab\0c", 2)]
    [InlineData("\uD800x", 0)]
    [InlineData("x\uDC00", 1)]
    [InlineData("x\uD83D", 1)]
    [InlineData("\U0001F525\uDC00", 2)]
    public void Find_ReturnsTheFirstCharacterPostgreSqlCannotStore(string value, int expected) =>
        Assert.Equal(expected, StorableText.Find(value));

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
            LabelMap.From([KeyValuePair.Create("team", "pay\0")]), LabelMap.From([KeyValuePair.Create("summary", "\uDFFF")]));

        Assert.Equal(["labels.team", "annotations.summary"], StorableText.Check(rule).Select(e => e.Field));
    }
}
