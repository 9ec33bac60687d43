using Portal.Load;

namespace Portal.Tests.Unit.Load;

public class LatencySummaryTests
{
    [Fact]
    public void Of_OneToHundred_NearestRankPercentiles()
    {
        var summary = LatencySummary.Of(Enumerable.Range(1, 100).Select(i => (double)(101 - i)));

        Assert.Equal(100, summary.Count);
        Assert.Equal(50, summary.P50);
        Assert.Equal(95, summary.P95);
        Assert.Equal(99, summary.P99);
        Assert.Equal(100, summary.Max);
        Assert.Equal(50.5, summary.Mean);
    }

    [Fact]
    public void Rank_FewSamples_IsASampleThatWasTaken()
    {
        double[] sorted = [10, 20, 30];

        Assert.Equal(20, LatencySummary.Rank(sorted, 50));
        Assert.Equal(30, LatencySummary.Rank(sorted, 95));
        Assert.Equal(10, LatencySummary.Rank(sorted, 0));
    }

    [Fact]
    public void Of_NoSamples_CountsZero_IgnoresNaN()
    {
        Assert.Equal(0, LatencySummary.Of([]).Count);
        Assert.Equal(1, LatencySummary.Of([double.NaN, 5]).Count);
    }
}
