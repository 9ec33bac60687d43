using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

public partial class PromQlParserTests
{
    private static Expr Parse(string text)
    {
        var result = PromQlParser.Parse(text);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Expr!;
    }

    private static ParseError Fail(string text)
    {
        var result = PromQlParser.Parse(text);
        Assert.False(result.IsValid, $"expected \"{text}\" to be refused");
        return result.Error!;
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("-1.5", -1.5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("1e3", 1000)]
    [InlineData("1E-2", 0.01)]
    [InlineData("0x1F", 31)]
    [InlineData("0755", 493)]
    [InlineData("08", 8)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    public void Parse_NumberLiterals_HaveGosValues(string text, double expected) =>
        Assert.Equal(expected, Assert.IsType<NumberLiteral>(Parse(text)).Value);

    [Fact]
    public void Parse_NaN_IsANumber() => Assert.True(double.IsNaN(Assert.IsType<NumberLiteral>(Parse("NaN")).Value));

    [Theory]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("'it\\'s'", "it's")]
    [InlineData("`raw\\n`", "raw\\n")]
    [InlineData("\"\\x41\\u00e9\\U0001F600\\101\"", "Aé😀A")]
    public void Parse_StringLiterals_UnescapeLikeGo(string text, string expected) =>
        Assert.Equal(expected, Assert.IsType<StringLiteral>(Parse(text)).Value);

    [Fact]
    public void Parse_Power_IsRightAssociative()
    {
        var pow = Assert.IsType<BinaryExpr>(Parse("2 ^ 3 ^ 2"));

        Assert.IsType<NumberLiteral>(pow.Lhs);
        Assert.Equal(TokenKind.Pow, Assert.IsType<BinaryExpr>(pow.Rhs).Op);
    }

    [Fact]
    public void Parse_UnaryMinus_BindsLooserThanPowerButTighterThanMultiplication()
    {
        var unary = Assert.IsType<UnaryExpr>(Parse("-up ^ 2"));
        Assert.Equal(TokenKind.Pow, Assert.IsType<BinaryExpr>(unary.Operand).Op);

        var product = Assert.IsType<BinaryExpr>(Parse("-up * 2"));
        Assert.IsType<UnaryExpr>(product.Lhs);
    }

    [Fact]
    public void Parse_Precedence_FollowsPrometheus()
    {
        var or = Assert.IsType<BinaryExpr>(Parse("a or b and c > 1 + 2 * 3"));

        Assert.Equal(TokenKind.Or, or.Op);
        var and = Assert.IsType<BinaryExpr>(or.Rhs);
        Assert.Equal(TokenKind.And, and.Op);
        var gt = Assert.IsType<BinaryExpr>(and.Rhs);
        Assert.Equal(TokenKind.Gtr, gt.Op);
        Assert.Equal(TokenKind.Add, Assert.IsType<BinaryExpr>(gt.Rhs).Op);
    }

    [Fact]
    public void Parse_GroupingBeforeOrAfterTheArgument_GivesTheSameTree() =>
        Assert.Equal(
            PromQlPrinter.Print(Parse("sum by (job) (rate(x_total[5m]))")),
            PromQlPrinter.Print(Parse("sum(rate(x_total[5m])) by (job)")));

    [Fact]
    public void Parse_VectorMatching_KeepsOnAndGroupLabels()
    {
        var binary = Assert.IsType<BinaryExpr>(Parse("a * on(job, instance) group_left(team) b"));

        var matching = binary.Matching!;
        Assert.True(matching.On);
        Assert.Equal(["job", "instance"], matching.MatchingLabels);
        Assert.Equal(VectorMatchCardinality.ManyToOne, matching.Card);
        Assert.Equal(["team"], matching.Include);
    }

    [Fact]
    public void Parse_SubqueryWithOffsetAndAt_KeepsAllParts()
    {
        var subquery = Assert.IsType<SubqueryExpr>(Parse("rate(x_total[1m])[30m:1m] offset -5m @ end()"));

        Assert.Equal(TimeSpan.FromMinutes(30), subquery.Range);
        Assert.Equal(TimeSpan.FromMinutes(1), subquery.Step);
        Assert.Equal(TimeSpan.FromMinutes(-5), subquery.Offset);
        Assert.Equal(TokenKind.End, subquery.At!.Preprocessor);
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("offset")]
    [InlineData("by{job=\"x\"}")]
    [InlineData("start + end")]
    public void Parse_KeywordsWhereAnExpressionStarts_NameMetrics(string text) =>
        Assert.All(PromQlAst.Descendants(Parse(text)).Where(e => e is not BinaryExpr), e => Assert.IsType<VectorSelector>(e));

    [Theory]
    [InlineData("rate(up)", "expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("sum(up[5m])", "expected type instant vector in aggregation expression, got range vector")]
    [InlineData("up[5m] + 1", "binary expression must contain only scalar and instant vector types")]
    [InlineData("1 > 2", "comparisons between scalars must use BOOL modifier")]
    [InlineData("up and 1", "set operator \"and\" not allowed in binary scalar expression")]
    [InlineData("{}", "vector selector must contain at least one non-empty matcher")]
    [InlineData("{job=~\".*\"}", "vector selector must contain at least one non-empty matcher")]
    [InlineData("up{__name__=\"x\"}", "metric name must not be set twice")]
    [InlineData("foo(up)", "unknown function with name \"foo\"")]
    [InlineData("up offset 1m offset 2m", "offset may not be set multiple times")]
    [InlineData("sum(up) offset 1m", "offset modifier must be preceded by")]
    [InlineData("up[0s]", "duration must be greater than 0")]
    [InlineData("abs(up,)", "trailing commas not allowed")]
    [InlineData("up{job=~\"a(?=b)\"}", "error parsing regexp")]
    public void Parse_InvalidExpressions_SayWhy(string text, string reason) =>
        Assert.Contains(reason, Fail(text).Message);

    [Fact]
    public void Parse_Error_CarriesLineAndColumn()
    {
        var error = Fail("sum(\n  rate(up[5m])\n  + )");

        Assert.Equal(new Position(3, 5), error.Position);
        Assert.StartsWith("3:5: parse error:", error.ToString());
    }

    [Fact]
    public void Parse_EmptyInput_SaysThereIsNoExpression() =>
        Assert.Equal("no expression found in input", Fail("  # only a comment").Message);

    [Fact]
    public void Parse_AbsurdNesting_IsRefusedInsteadOfOverflowingTheStack()
    {
        var text = new string('(', 30_000) + "1" + new string(')', 30_000);

        Assert.Contains("nested", Fail(text).Message);
    }

    [Fact]
    public void Parse_Nodes_KnowTheirSpans()
    {
        const string text = "rate(http_requests_total{code=~\"5..\"}[5m]) > 0.1";
        var binary = Assert.IsType<BinaryExpr>(Parse(text));

        Assert.Equal("rate(http_requests_total{code=~\"5..\"}[5m])", text[binary.Lhs.Span.Start..binary.Lhs.Span.End]);
        Assert.Equal("0.1", text[binary.Rhs.Span.Start..binary.Rhs.Span.End]);
    }

    [Fact]
    public void MetricNames_IncludesNamesGivenAsMatchers() =>
        Assert.Equal(
            ["a_total", "b", "c"],
            PromQlAst.MetricNames(Parse("sum(rate(a_total[5m])) / on() group_left b + {__name__=\"c\"} + a_total")).ToArray());
}
