using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

public class PromQlPrinterTests
{
    [Theory]
    [InlineData("sum(rate(x_total[5m]))by(job)", "sum by (job) (rate(x_total[5m]))")]
    [InlineData("up{job='a',}", "up{job=\"a\"}")]
    [InlineData("x offset 90s", "x offset 1m30s")]
    [InlineData("a>bool on(job)group_left b", "a > bool on (job) group_left () b")]
    [InlineData("a * ignoring(job) group_right(x,y) b", "a * ignoring (job) group_right (x, y) b")]
    [InlineData("a + ignoring() b", "a + b")]
    [InlineData("a + on() b", "a + on () b")]
    [InlineData("sum(x) by ()", "sum(x)")]
    [InlineData("sum without () (x)", "sum without () (x)")]
    [InlineData("x{b=\"1\",a=\"2\"}", "x{a=\"2\",b=\"1\"}")]
    [InlineData("{__name__=\"x\",a=\"b\"}", "{__name__=\"x\",a=\"b\"}")]
    [InlineData("x offset 5m @ 3", "x @ 3.000 offset 5m")]
    [InlineData("x @ 0.0005", "x @ 0.001")]
    [InlineData("1e21 + 1e6 + 123456 + 1e-5 + 0.0001", "1e+21 + 1e+06 + 123456 + 1e-05 + 0.0001")]
    [InlineData("-Inf + NaN", "-Inf + NaN")]
    [InlineData("up{job=\"a\" # a comment inside braces\n}", "up{job=\"a\"}")]
    [InlineData("rate(x[5m:])", "rate(x[5m:])")]
    [InlineData("-(1)", "-(1)")]
    [InlineData("- - up", "--up")]
    [InlineData("topk(3,up)", "topk(3, up)")]
    [InlineData("up @ 100.5", "up @ 100.500")]
    [InlineData("0x10 + Inf", "16 + +Inf")]
    public void Print_GivesCanonicalText(string source, string expected) =>
        Assert.Equal(expected, PromQlPrinter.Print(PromQlParser.Parse(source).Expr!));

    [Theory]
    [InlineData("sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05")]
    [InlineData("histogram_quantile(0.99, sum by (le, job) (rate(prometheus_http_request_duration_seconds_bucket{handler=\"/api/v1/query\"}[5m])))")]
    public void PrintReadable_BreaksLongExpressions_AndParsesBackToTheSameTree(string source)
    {
        var expr = PromQlParser.Parse(source).Expr!;

        var readable = PromQlPrinter.PrintReadable(expr);

        Assert.Contains('\n', readable);
        // Only a single selector, which cannot be broken, may run past 80 characters.
        Assert.All(readable.Split('\n'), line => Assert.True(line.Length <= 80 || !line.Trim().Contains(' '), $"line too long: {line}"));
        Assert.Equal(PromQlPrinter.Print(expr), PromQlPrinter.Print(PromQlParser.Parse(readable).Expr!));
    }

    [Fact]
    public void PrintReadable_ShortExpression_StaysOnOneLine() =>
        Assert.Equal("rate(x_total[5m]) > 1", PromQlPrinter.PrintReadable(PromQlParser.Parse("rate(x_total[5m])>1").Expr!));

    [Fact]
    public void Print_StringLiteral_QuotesAsGoDoes() =>
        Assert.Equal("\"a\\\"b\\\\c\\nd\\x01\\a\\u00a0é\"",
            PromQlPrinter.Print(PromQlParser.Parse("'a\"b\\\\c\\nd\\x01\\a\\u00a0é'").Expr!));

    [Fact]
    public void PrintReadable_IgnoringNothingWithGroupLeft_KeepsWhatPrometheusPrintsAsNothing()
    {
        var expr = PromQlParser.Parse("a * ignoring() group_left(x) b").Expr!;

        Assert.Equal("a * b", PromQlPrinter.Print(expr));
        Assert.Equal("a * ignoring () group_left (x) b", PromQlPrinter.PrintReadable(expr));
    }
}
