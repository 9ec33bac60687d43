using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>The interval floor as imports meet it: an error at the interval's line when a floor is given.</summary>
public class GroupIntervalFloorTests
{
    private const string HotGroup = """
        groups:
          - name: fine
            interval: 30s
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
          - name: hot
            interval: 1ms
            rules:
              - record: job:up:count
                expr: count by (job) (up)
        """;

    private static ImportResult Parse(string text, TimeSpan? minimum) =>
        RuleFileParser.Parse(text, new ParseOptions { MinimumGroupInterval = minimum });

    [Fact]
    public void Parse_IntervalBelowTheFloor_IsAnErrorAtTheIntervalsLine()
    {
        var result = Parse(HotGroup, TimeSpan.FromSeconds(5));

        var error = Assert.Single(result.Errors, e => e.Kind == ReportKind.Group);
        Assert.Equal(("hot", 7), (error.Name, error.Line));
        Assert.Contains("interval 1ms is below the minimum group interval of 5s (line 8)", error.Reason);
        Assert.Equal(ReportStatus.Error, result.Line("job:up:count").Status);
        Assert.Equal(ReportStatus.Imported, result.Line("fine").Status);
        Assert.Equal(ReportStatus.Imported, result.Line("job:up:sum").Status);
    }

    [Fact]
    public void Parse_WithoutAFloor_AcceptsAnyInterval()
    {
        var result = Parse(HotGroup, null);

        Assert.False(result.HasErrors);
        Assert.Equal(PromDuration.Parse("1ms"), result.File.Groups.Single(g => g.Name == "hot").Interval);
    }

    [Theory]
    [InlineData("5s")]
    [InlineData("0s")]
    [InlineData("1h")]
    public void Parse_IntervalAtTheFloorOrZero_IsAccepted(string interval) =>
        Assert.False(Parse(HotGroup.Replace("1ms", interval, StringComparison.Ordinal), TimeSpan.FromSeconds(5)).HasErrors);

    [Theory]
    [InlineData("1ms", "interval 1ms is below the minimum group interval of 5s")]
    [InlineData("4s999ms", "interval 4s999ms is below the minimum group interval of 5s")]
    public void BelowMinimum_ShortIntervals_SayWhyInOneSentence(string interval, string expected) =>
        Assert.Equal(expected, GroupIntervals.BelowMinimum(PromDuration.Parse(interval), GroupIntervals.DefaultMinimum));

    [Fact]
    public void BelowMinimum_NoIntervalOrEnoughOfOne_IsNull()
    {
        Assert.Null(GroupIntervals.BelowMinimum(null, GroupIntervals.DefaultMinimum));
        Assert.Null(GroupIntervals.BelowMinimum(PromDuration.Parse("5s"), GroupIntervals.DefaultMinimum));
    }
}
