using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

public class ExpressionEquivalenceTests
{
    [Theory]
    [InlineData("(sum(x) by () / (2^16-256)) > 0.8", "(sum(x) / (2 ^ 16 - 256)) > 0.8")]
    [InlineData("sum(x) / (2^16-256) > 0.8", "sum(x) / 65280 > 0.8")]
    [InlineData("x > 1e3", "x > 1000")]
    [InlineData("x > 0x10", "x > 16")]
    [InlineData("x > 1.50", "x > 1.5")]
    [InlineData("x * (60 * 60 * 24)", "x * 86400")]
    [InlineData("x > -(1)", "x > -1")]
    [InlineData("x > +5", "x > 5")]
    [InlineData("x * 2 ^ 3 ^ 2", "x * 512")]
    [InlineData("x % (7 % 4)", "x % 3")]
    [InlineData("x + (1 > bool 2)", "x + 0")]
    [InlineData("rate(x[90s])", "rate(x[1m30s])")]
    [InlineData("rate(x[3600s])", "rate(x[1h])")]
    [InlineData("x offset 120s", "x offset 2m")]
    [InlineData("max_over_time(x[1h:60s])", "max_over_time(x[1h:1m])")]
    [InlineData("x{a='b'}", "x{a=\"b\"}")]
    [InlineData("x{a=`b\\c`}", "x{a=\"b\\\\c\"}")]
    [InlineData("x{b=\"1\",a=\"2\"}", "x{a=\"2\",b=\"1\"}")]
    [InlineData("x{a=\"1\",a=\"1\"}", "x{a=\"1\"}")]
    [InlineData("{__name__=\"x\",a=\"1\"}", "x{a=\"1\"}")]
    [InlineData("sum by () (x)", "sum(x)")]
    [InlineData("sum(x) by (job)", "sum by (job) (x)")]
    [InlineData("sum by (a, b) (x)", "sum by (b, a) (x)")]
    [InlineData("sum without (a, b) (x)", "sum without (b, a) (x)")]
    [InlineData("a + ignoring() b", "a + b")]
    [InlineData("a * ignoring() group_left b", "a * b")]
    [InlineData("a * on(x, y) group_left(c, d) b", "a * on (y, x) group_left (d, c) b")]
    [InlineData("a * on(x) group_left b", "a * on (x) group_left () b")]
    [InlineData("((a))", "a")]
    [InlineData("(rate(x[5m]))[10m:]", "rate(x[5m])[10m:]")]
    [InlineData("+x", "x")]
    [InlineData("x @ 100", "x @ 100.000")]
    [InlineData("x offset 5m @ 100", "x @ 100.000 offset 5m")]
    [InlineData("label_replace(x, 'a', '$1', 'b', '(.*)')", "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")")]
    [InlineData("sum(x) # a comment\n  by (job)", "sum by (job) (x)")]
    [InlineData("up{job=\"a\" # why\n}", "up{job=\"a\"}")]
    [InlineData("x and ON(a) y", "x and on (a) y")]
    [InlineData("Inf", "+Inf")]
    [InlineData("NaN", "NaN")]
    public void Same_ExpressionsThatMeanTheSame_AreSame(string published, string loaded)
    {
        var comparison = ExpressionEquivalence.Compare(published, loaded);

        Assert.True(comparison.Same, $"{comparison.Published} vs {comparison.Loaded}");
        Assert.False(comparison.ByText);
    }

    [Theory]
    [InlineData("x > 0.8", "x > 0.9")]
    [InlineData("x > 0.8", "x >= 0.8")]
    [InlineData("x > 1", "x > bool 1")]
    [InlineData("x{job=\"a\"}", "x{job=\"b\"}")]
    [InlineData("x{job=\"a\"}", "x{job=~\"a\"}")]
    [InlineData("x{job=\"a\"}", "x{job!=\"a\"}")]
    [InlineData("x{job=\"a\"}", "x")]
    [InlineData("x", "y")]
    [InlineData("{__name__=~\"x\"}", "x")]
    [InlineData("sum by (a) (x)", "sum by (b) (x)")]
    [InlineData("sum by (a) (x)", "sum without (a) (x)")]
    [InlineData("sum without () (x)", "sum(x)")]
    [InlineData("sum(x)", "avg(x)")]
    [InlineData("topk(3, x)", "topk(5, x)")]
    [InlineData("x offset 5m", "x offset 10m")]
    [InlineData("x offset 5m", "x")]
    [InlineData("x @ 100", "x @ 101")]
    [InlineData("x @ start()", "x @ end()")]
    [InlineData("rate(x[5m])", "irate(x[5m])")]
    [InlineData("rate(x[5m])", "rate(x[10m])")]
    [InlineData("max_over_time(x[1h:])", "max_over_time(x[1h:1m])")]
    [InlineData("(a + b) * c", "a + b * c")]
    [InlineData("a - (b - c)", "a - b - c")]
    [InlineData("a / b", "b / a")]
    [InlineData("a + on(x) b", "a + b")]
    [InlineData("a + on() b", "a + b")]
    [InlineData("a + on(x) b", "a + ignoring(x) b")]
    [InlineData("a * on(x) group_left b", "a * on(x) b")]
    [InlineData("a * on(x) group_left b", "a * on(x) group_right b")]
    [InlineData("a * on(x) group_left(c) b", "a * on(x) group_left b")]
    [InlineData("a and b", "a or b")]
    [InlineData("-x", "x")]
    [InlineData("-(-x)", "x")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")", "label_replace(x, \"a\", \"$2\", \"b\", \"(.*)\")")]
    [InlineData("count_values(\"a\", x)", "count_values(\"b\", x)")]
    public void Same_ExpressionsThatDiffer_AreNotSame_AndTheResultNamesBothForms(string published, string loaded)
    {
        var comparison = ExpressionEquivalence.Compare(published, loaded);

        Assert.False(comparison.Same);
        Assert.Equal(PromQlPrinter.Print(PromQlParser.Parse(published).Expr!), comparison.Published);
        Assert.Equal(PromQlPrinter.Print(PromQlParser.Parse(loaded).Expr!), comparison.Loaded);
    }

    [Fact]
    public void Compare_TheIssuesRollbackCase_IsSameAndShowsPrometheusSpelling()
    {
        var comparison = ExpressionEquivalence.Compare("(sum(x) by () / (2^16-256)) > 0.8", "(sum(x) / (2 ^ 16 - 256)) > 0.8");

        Assert.True(comparison.Same);
        Assert.Equal("(sum(x) / (2 ^ 16 - 256)) > 0.8", comparison.Published);
    }

    [Fact]
    public void Compare_PastTheParserLimits_ComparesWhitespaceFreeText()
    {
        var huge = string.Join(" + ", Enumerable.Repeat("up", 12_000));

        var same = ExpressionEquivalence.Compare(huge, huge.Replace(" ", "", StringComparison.Ordinal));
        var different = ExpressionEquivalence.Compare(huge, huge + " + down");

        Assert.True(same.ByText);
        Assert.True(same.Same);
        Assert.True(different.ByText);
        Assert.False(different.Same);
    }

    [Fact]
    public void Compare_DeepestTreeTheParserAccepts_DoesNotOverflow()
    {
        var deep = new string('(', 250) + "1" + new string(')', 250) + " + x";

        var comparison = ExpressionEquivalence.Compare(deep, "1 + x");

        Assert.True(comparison.Same);
        Assert.False(comparison.ByText);
    }

    [Fact]
    public void Same_EveryCorpusExpression_IsSameAsItsPrint()
    {
        var corpus = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Differential", "promql-corpus.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith("#!", StringComparison.Ordinal))
            .Select(line => line.Replace('⏎', '\n'))
            .ToList();

        var notSame = corpus
            .Where(e => !ExpressionEquivalence.Same(e, PromQlPrinter.Print(PromQlParser.Parse(e).Expr!)))
            .ToList();

        Assert.True(corpus.Count >= 1_500, $"the corpus has only {corpus.Count} expressions");
        Assert.Empty(notSame);
    }
}
