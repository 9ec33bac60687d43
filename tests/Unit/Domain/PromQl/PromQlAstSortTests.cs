using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

public class PromQlAstSortTests
{
    private static string Sorted(string text) => PromQlPrinter.Print(PromQlAst.SortMatchers(PromQlParser.Parse(text).Expr!));

    [Theory]
    [InlineData("up{job=\"a\", code=~\"5..\"} > 1", "up{code=~\"5..\", job=\"a\"} > 1")]
    [InlineData("sum by (job) (rate(x{b=\"1\", a=\"2\"}[5m])) / on (job) count(y{z!=\"\", a=\"\"})", "sum by (job) (rate(x{a=\"2\", b=\"1\"}[5m])) / on (job) count(y{a=\"\", z!=\"\"})")]
    [InlineData("max_over_time((-x{b=\"1\", a=\"1\"})[1h:5m])", "max_over_time((-x{a=\"1\", b=\"1\"})[1h:5m])")]
    public void SortsMatchersEverywhere_AndNothingElse(string text, string expected) => Assert.Equal(Sorted(expected), Sorted(text));

    [Fact]
    public void DifferentMatchers_StayDifferent() => Assert.NotEqual(Sorted("up{job=\"a\"}"), Sorted("up{job=\"b\"}"));
}
