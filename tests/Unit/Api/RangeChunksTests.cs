using Portal.Domain.Queries;
using Portal.Infrastructure.Caching;

namespace Portal.Tests.Unit.Api;

public class RangeChunksTests
{
    [Fact]
    public void Starts_AreAlignedToTheChunkLength_AndCoverThePlan()
    {
        var plan = new RangePlan(DateTimeOffset.FromUnixTimeSeconds(1_000_000), DateTimeOffset.FromUnixTimeSeconds(1_000_000 + 7200), TimeSpan.FromSeconds(15));

        var starts = RangeChunks.Starts(plan);

        Assert.All(starts, s => Assert.Equal(0, s.ToUnixTimeSeconds() % 3600));
        Assert.True(starts[0] <= plan.Start);
        Assert.True(RangeChunks.LastStep(starts[^1], plan.Step) >= plan.End);
    }

    [Fact]
    public void Runs_JoinAdjacentChunks_ButNeverPastPrometheusPointsLimit()
    {
        var step = TimeSpan.FromMinutes(1);
        var length = step * RangeChunks.StepsPerChunk;
        var starts = Enumerable.Range(0, 100).Select(i => DateTimeOffset.UnixEpoch + length * i).Where((_, i) => i != 10).ToList();

        var runs = RangeChunks.Runs(starts, step).ToList();

        Assert.Equal(starts.Count, runs.Sum(r => (int)((r.Last - r.First) / length) + 1));
        Assert.All(runs, r => Assert.True(((r.Last - r.First) / length + 1) * RangeChunks.StepsPerChunk <= RangePlan.MaxPointsPerSeries));
        Assert.Equal(DateTimeOffset.UnixEpoch + length * 9, runs[0].Last);
    }

    [Theory]
    [InlineData(46, 2, new[] { 23, 23 })]
    [InlineData(46, 3, new[] { 15, 15, 16 })]
    [InlineData(16, 2, new[] { 8, 8 })]
    [InlineData(15, 2, new[] { 15 })]
    [InlineData(46, 1, new[] { 23, 23 })]
    [InlineData(100, 2, new[] { 33, 33, 34 })]
    public void Runs_CutALongRunIntoEqualPieces_NoneShorterThanTheMinimum_NoneOverTheLimit(int chunks, int parallel, int[] expected)
    {
        var step = TimeSpan.FromSeconds(55);
        var length = step * RangeChunks.StepsPerChunk;
        var starts = Enumerable.Range(0, chunks).Select(i => DateTimeOffset.UnixEpoch + length * i).ToList();

        var runs = RangeChunks.Runs(starts, step, parallel).ToList();

        Assert.Equal(expected, runs.Select(r => (int)((r.Last - r.First) / length) + 1));
        // The pieces follow each other without gap or overlap.
        Assert.Equal(starts[0], runs[0].First);
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.Equal(pair.First.Last + length, pair.Second.First));
        Assert.Equal(starts[^1], runs[^1].Last);
    }
}
