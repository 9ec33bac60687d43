using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

/// <summary>
/// Go's regexp limits on label-matcher regexes, as promtool 2.42 applies them (every verdict below was
/// checked against it): counts over 1000, nested counts whose product passes 1000, trees over 1000
/// high and programs over Go's size budget are refused; the rest is accepted.
/// </summary>
public class Re2LimitsTests
{
    private static ParseResult Matcher(string regex) => PromQlParser.Parse("up{a=~\"" + regex.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"}");

    [Theory]
    [InlineData("((a{1000}){1000}){1000}", "invalid repeat count: `{1000}`")]
    [InlineData("(a{1000}){1000}", "invalid repeat count: `{1000}`")]
    [InlineData("(a{10}){101}", "invalid repeat count: `{101}`")]
    [InlineData("((a{1000}){0,1}){2}", "invalid repeat count: `{2}`")]
    [InlineData("(a{501}|b){2}", "invalid repeat count: `{2}`")]
    [InlineData("(?:a{0,}){2000}", "invalid repeat count: `{2000}`")]
    [InlineData("a{1001}", "invalid repeat count: `{1001}`")]
    [InlineData("a{2,1}", "invalid repeat count: `{2,1}`")]
    [InlineData("a**", "invalid nested repetition operator: `**`")]
    [InlineData("a{1000}{2}", "invalid nested repetition operator: `{1000}{2}`")]
    [InlineData("**", "missing argument to repetition operator: `*`")]
    public void Parse_RegexOverGosRepetitionLimits_IsRefusedAsGoRefusesIt(string regex, string problem)
    {
        var error = Matcher(regex).Error;

        Assert.NotNull(error);
        Assert.Equal("error parsing regexp: " + problem, error.Message);
    }

    [Theory]
    [InlineData("(a{10}){100}")]
    [InlineData("(a{1000}){0}")]
    [InlineData("(a{500}|b{2}){2}")]
    [InlineData("(a*){1000}")]
    [InlineData("x{01}")]
    [InlineData("a{,5}")]
    [InlineData("(?i)a{1000}")]
    [InlineData("a{1000}?")]
    [InlineData("\\d{1000}")]
    [InlineData("[a-z]{1000}x{1000}")]
    [InlineData("(ab){1000}")]
    public void Parse_RegexWithinGosLimits_IsAccepted(string regex)
    {
        var result = Matcher(regex);

        Assert.True(result.IsValid, result.Error?.Message);
    }

    [Theory]
    [InlineData("(", ")", "a", 998, true)]
    [InlineData("(", ")", "a", 999, false)]
    [InlineData("(", ")", "ab", 999, false)]
    [InlineData("(", ")", "a*", 997, true)]
    [InlineData("(", ")", "a*", 998, false)]
    [InlineData("(", ")", "a|b", 998, true)]
    [InlineData("(?:", ")", "a", 3000, true)]
    public void Parse_NestedGroups_AreRefusedOnceGosTreeIsOver1000High(string open, string close, string inner, int depth, bool accepted)
    {
        var regex = string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

        var result = Matcher(regex);

        Assert.Equal(accepted, result.IsValid);
        Assert.True(accepted || result.Error!.Message == "error parsing regexp: expression nests too deeply", result.Error?.Message);
    }

    [Theory]
    [InlineData("a{1000}", 3355, true)]
    [InlineData("a{1000}", 3356, false)]
    [InlineData("(ab){1000}", 800, true)]
    [InlineData("(ab){1000}", 1600, false)]
    public void Parse_RegexWhoseProgramPassesGosSizeBudget_IsRefused(string part, int copies, bool accepted)
    {
        var result = Matcher(string.Concat(Enumerable.Repeat(part, copies)));

        Assert.Equal(accepted, result.IsValid);
        Assert.True(accepted || result.Error!.Message == "error parsing regexp: expression too large", result.Error?.Message);
    }
}
