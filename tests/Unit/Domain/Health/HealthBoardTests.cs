using Portal.Domain.Health;

namespace Portal.Tests.Unit.Domain.Health;

public class HealthBoardTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static ScrapeTargetView Target(string job, string instance, string health = "up", string server = "prometheus-a") =>
        new(server, job, instance, job, health, Now.AddSeconds(-5), 0.012, health == "up" ? null : "connection refused");

    private static GroupTiming Group(string name, double evaluation, double interval, string server = "prometheus-a") =>
        new(server, name, "/rules/" + name + ".yml", interval, evaluation, Now);

    [Fact]
    public void GroupTargets_PutsJobsWithADownTargetFirst_AndDownTargetsFirstInsideTheJob()
    {
        var board = HealthBoard.GroupTargets(
        [
            Target("node", "n1"),
            Target("api", "a1"),
            Target("api", "a2", "down"),
            Target("api", "a3", "unknown"),
            Target("db", "d1"),
        ], 100);

        Assert.Equal(["api", "db", "node"], board.Items.Select(j => j.Job));
        var api = board.Items[0];
        Assert.Equal((1, 3), (api.Up, api.Total));
        Assert.False(api.AllUp);
        Assert.Equal(["a2", "a3", "a1"], api.Targets.Select(t => t.Instance));
        Assert.Equal(0, board.Omitted);
    }

    [Fact]
    public void GroupTargets_KeepsTheSameJobOnTwoServersApart()
    {
        var board = HealthBoard.GroupTargets([Target("node", "n1", server: "b"), Target("node", "n1", server: "a")], 100);

        Assert.Equal([("a", "node"), ("b", "node")], board.Items.Select(j => (j.Server, j.Job)));
        Assert.NotEqual(board.Items[0].Key, board.Items[1].Key);
    }

    [Fact]
    public void GroupTargets_OverTheCap_ListsTheFirstAndCountsTheRest_KeepingEachJobsTrueSummary()
    {
        var targets = Enumerable.Range(0, 5).Select(i => Target("api", $"a{i}", i == 4 ? "down" : "up"))
            .Concat(Enumerable.Range(0, 3).Select(i => Target("node", $"n{i}")));

        var board = HealthBoard.GroupTargets(targets, 3);

        var api = Assert.Single(board.Items);
        Assert.Equal(["a4", "a0", "a1"], api.Targets.Select(t => t.Instance));
        Assert.Equal((4, 5), (api.Up, api.Total));
        Assert.Equal(5, board.Omitted);
        Assert.Equal(8, board.Items.Sum(j => j.Targets.Count) + board.Omitted);
    }

    [Fact]
    public void SlowestGroups_OrdersByShareOfInterval_NotByAbsoluteTime()
    {
        var board = HealthBoard.SlowestGroups(
        [
            Group("long-interval", evaluation: 2, interval: 60),
            Group("tight", evaluation: 0.9, interval: 1),
            Group("middling", evaluation: 1, interval: 5),
        ], 10);

        Assert.Equal(["tight", "middling", "long-interval"], board.Items.Select(g => g.Group));
    }

    [Fact]
    public void SlowestGroups_WithoutAnInterval_ComeLast_ThenByTime_AndTheRestAreCounted()
    {
        var board = HealthBoard.SlowestGroups(
        [
            Group("unknown-slow", evaluation: 5, interval: 0),
            Group("quick", evaluation: 0.01, interval: 10),
            Group("unknown-fast", evaluation: 0.1, interval: 0),
        ], 2);

        Assert.Equal(["quick", "unknown-slow"], board.Items.Select(g => g.Group));
        Assert.Equal(1, board.Omitted);
    }

    [Theory]
    [InlineData(1.5, 15, 0.1)]
    [InlineData(30, 15, 2)]
    [InlineData(0, 15, 0)]
    public void FractionOfInterval_IsEvaluationOverInterval(double evaluation, double interval, double expected) =>
        Assert.Equal(expected, HealthBoard.FractionOfInterval(evaluation, interval)!.Value, 9);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, -5)]
    [InlineData(double.NaN, 15)]
    [InlineData(-1, 15)]
    public void FractionOfInterval_WithoutAUsableIntervalOrTime_IsNull(double evaluation, double interval) =>
        Assert.Null(HealthBoard.FractionOfInterval(evaluation, interval));

    [Fact]
    public void Failing_CutsAtTheCap_InAStableOrder()
    {
        var rules = new[]
        {
            new FailingRule("b", "g", "f.yml", "Z", 1, "boom", Now, null),
            new FailingRule("a", "g", "f.yml", "Y", 2, "boom", Now, null),
            new FailingRule("a", "g", "f.yml", "Y", 1, "boom", Now, Guid.NewGuid()),
        };

        var board = HealthBoard.Failing(rules, 2);

        Assert.Equal([("a", 1), ("a", 2)], board.Items.Select(r => (r.Server, r.Occurrence)));
        Assert.Equal(1, board.Omitted);
    }

    [Theory]
    [InlineData(0.2, "just now")]
    [InlineData(40, "40 s ago")]
    [InlineData(150, "2 min ago")]
    [InlineData(3 * 3600 + 5, "3 h ago")]
    [InlineData(3 * 86400, "3 d ago")]
    public void Age_SaysHowOld(double seconds, string expected) =>
        Assert.Equal(expected, HealthBoard.Age(TimeSpan.FromSeconds(seconds)));
}
