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
}
