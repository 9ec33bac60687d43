using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

public class PromQlPrinterTests
{
    [Theory]
    [InlineData("sum(rate(x_total[5m]))by(job)", "sum by (job) (rate(x_total[5m]))")]
    [InlineData("up{job='a',}", "up{job=\"a\"}")]
    [InlineData("x offset 90s", "x offset 1m30s")]
    [InlineData("a>bool on(job)group_left b", "a > bool on (job) group_left b")]
    [InlineData("rate(x[5m:])", "rate(x[5m:])")]
    [InlineData("-(1)", "-(1)")]
    [InlineData("- - up", "--up")]
    [InlineData("topk(3,up)", "topk(3, up)")]
    [InlineData("up @ 100.5", "up @ 100.5")]
    [InlineData("0x10 + Inf", "16 + Inf")]
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
    public void Quote_EscapesWhatWouldEndOrBreakTheString() =>
        Assert.Equal("\"a\\\"b\\\\c\\nd\\x01\"", StringLiterals.Quote("a\"b\\c\nd\u0001"));
}
