using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

/// <summary>
/// The parser collects children on per-thread stacks and shares the strings of repeated words: neither
/// may let one parse see another's pieces, whether the earlier parse finished or failed half-way.
/// </summary>
public partial class PromQlParserTests
{
    [Theory]
    [InlineData("sum(rate(a{x=\"1\",y=\"2\"}[5m]), ")]
    [InlineData("label_replace(rate(a{x=\"1\"}[5m]), \"b\", \"$1\", \"c\",")]
    [InlineData("sum by (job, instance, (rate(a[5m]))")]
    [InlineData("max(abs(a{x=\"1\", y!~\"(\"}))")]
    public void AParseThatFailedHalfWay_LeavesNothingForTheNext(string broken)
    {
        Assert.False(PromQlParser.Parse(broken).IsValid);

        var call = Assert.IsType<AggregateExpr>(Parse("sum by (le) (rate(b{z=\"3\"}[1m]))"));
        Assert.Equal(["le"], call.Grouping);
        var rate = Assert.IsType<Call>(call.Argument);
        var range = Assert.IsType<MatrixSelector>(Assert.Single(rate.Args));
        var selector = Assert.IsType<VectorSelector>(range.Selector);
        Assert.Equal("b", selector.Name);
        Assert.Equal("z", Assert.Single(selector.Matchers).Name);
    }

    [Fact]
    public void NestedCalls_EachKeepTheirOwnArguments()
    {
        var outer = Assert.IsType<Call>(Parse(
            "label_replace(clamp(rate(a[5m]), 0, scalar(max(b))), \"dst\", \"$1\", \"src\", \"(.*)\")"));
        Assert.Equal(5, outer.Args.Count);
        var clamp = Assert.IsType<Call>(outer.Args[0]);
        Assert.Equal("clamp", clamp.Function.Name);
        Assert.Equal(3, clamp.Args.Count);
        Assert.IsType<MatrixSelector>(Assert.IsType<Call>(clamp.Args[0]).Args[0]);
        Assert.Equal(0, Assert.IsType<NumberLiteral>(clamp.Args[1]).Value);
        Assert.IsType<AggregateExpr>(Assert.Single(Assert.IsType<Call>(clamp.Args[2]).Args));
        Assert.Equal(["dst", "$1", "src", "(.*)"], outer.Args.Skip(1).Select(a => Assert.IsType<StringLiteral>(a).Value));
    }

    [Fact]
    public void RepeatedWords_AreEqualText_WhateverTheCacheHolds()
    {
        // Many distinct words pass through the cache between the two parses, so their slots are reused.
        for (var i = 0; i < 5_000; i++)
        {
            Parse($"w{i}{{v{i}=\"x{i}\"}}");
        }

        var selector = Assert.IsType<VectorSelector>(Parse("job_up{job=\"api\", jobs=\"apis\", j=\"\"}"));
        Assert.Equal("job_up", selector.Name);
        Assert.Equal(["job", "jobs", "j"], selector.Matchers.Select(m => m.Name));
        Assert.Equal(["api", "apis", ""], selector.Matchers.Select(m => m.Value));
    }

    [Fact]
    public void AnEscapedValue_IsUnescaped_AndAPlainOneWithTheSameBodyIsNot()
    {
        var selector = Assert.IsType<VectorSelector>(Parse("a{x=\"a\\\\b\", y=`a\\\\b`}"));
        Assert.Equal("a\\b", selector.Matchers[0].Value);
        Assert.Equal("a\\\\b", selector.Matchers[1].Value);
    }
}
