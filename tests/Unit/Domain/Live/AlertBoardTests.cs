using Portal.Domain.Live;
using static Portal.Tests.Unit.Domain.Live.LiveTestData;

namespace Portal.Tests.Unit.Domain.Live;

public class AlertBoardTests
{
    private static (IReadOnlyList<MatchedRule> Matched, IReadOnlyDictionary<PublishedRuleKey, CatalogRule> Catalog) Pair(params EvaluatedGroup[] groups)
    {
        var files = new[] { File("payments", "team-pay"), File("infra", "team-ops") };
        var matched = LiveMatching.Match("prometheus-a", groups, files).Concat(LiveMatching.Match("prometheus-b", groups, files)).ToList();
        var catalog = LiveMatching.Index(groups.Where(g => !g.File.Contains("hand")).SelectMany(g => g.Rules.Select(r =>
            Stored(LiveMatching.FileName(g.File).Replace(".yml", ""), g.Name, r.Name, g.File.Contains("payments") ? "team-pay" : "team-ops", severity: null,
                runbook: "https://runbooks.example/" + r.Name))));
        return (matched, catalog);
    }

    [Fact]
    public void Build_TheSameSeriesOnBothTargets_IsOneAlert_ListingBothTargets()
    {
        var (matched, catalog) = Pair(Group("api", "/r/payments.yml", Alert("HighErrors", Series(LiveState.Firing, Now.AddMinutes(-5), 3, ("severity", "critical")))));

        var board = AlertBoard.Build(matched, catalog, new AlertFilter(), [], Now);

        var alert = Assert.Single(board.All);
        Assert.Equal(["prometheus-a", "prometheus-b"], alert.Targets);
        Assert.Equal(1, board.Firing);
    }

    [Fact]
    public void Build_PendingOnOneTargetFiringOnTheOther_IsFiring_SinceTheFiringTargetSaysSo()
    {
        var files = new[] { File("payments", "team-pay") };
        var matched = LiveMatching.Match("a", [Group("api", "/r/payments.yml", Alert("X", Series(LiveState.Pending, Now.AddMinutes(-1))))], files)
            .Concat(LiveMatching.Match("b", [Group("api", "/r/payments.yml", Alert("X", Series(LiveState.Firing, Now.AddMinutes(-9))))], files)).ToList();

        var alert = Assert.Single(AlertBoard.Build(matched, LiveMatching.Index([Stored("payments", "api", "X")]), new AlertFilter(), [], Now).All);

        Assert.Equal(LiveState.Firing, alert.State);
        Assert.Equal(Now.AddMinutes(-9), alert.Since);
        Assert.Equal(["a", "b"], alert.Targets);
    }

    [Fact]
    public void Build_GroupsBySeverityCriticalFirst_ThenTeam_AndKeepsUnmanagedApart()
    {
        var (matched, catalog) = Pair(
            Group("api", "/r/payments.yml",
                Alert("Slow", Series(LiveState.Pending, Now.AddMinutes(-1), 1, ("severity", "warning"))),
                Alert("Down", Series(LiveState.Firing, Now.AddMinutes(-2), 0, ("severity", "critical")))),
            Group("disk", "/r/infra.yml", Alert("DiskFull", Series(LiveState.Firing, Now.AddMinutes(-3), 97, ("severity", "critical")))),
            Group("hand", "/r/hand-made.yml", Alert("Watchdog", Series(LiveState.Firing, Now.AddHours(-1), 1, ("team", "sre")))));

        var board = AlertBoard.Build(matched, catalog, new AlertFilter(), [], Now);

        Assert.Equal([("critical", "team-ops"), ("critical", "team-pay"), ("warning", "team-pay")], board.Groups.Select(g => (g.Severity, g.Team)));
        var unmanaged = Assert.Single(board.Unmanaged);
        Assert.Equal(("Watchdog", "sre", "hand-made.yml", (Guid?)null), (unmanaged.AlertName, unmanaged.Team, unmanaged.Namespace, unmanaged.RuleId));
        Assert.Equal(["critical", "warning", AlertBoard.NoSeverity], board.Severities);
        Assert.Equal("https://runbooks.example/Down", board.Groups[1].Alerts[0].Runbook);
    }

    [Fact]
    public void Build_WithinAGroup_FiringComesBeforePending_AndTheLongestFiringFirst()
    {
        var (matched, catalog) = Pair(Group("api", "/r/payments.yml",
            Alert("A", Series(LiveState.Pending, Now.AddMinutes(-30))),
            Alert("B", Series(LiveState.Firing, Now.AddMinutes(-1))),
            Alert("C", Series(LiveState.Firing, Now.AddMinutes(-20)))));

        var alerts = Assert.Single(AlertBoard.Build(matched, catalog, new AlertFilter(), [], Now).Groups).Alerts;

        Assert.Equal(["C", "B", "A"], alerts.Select(a => a.AlertName));
    }

    [Theory]
    [InlineData(LiveState.Pending, null, null, null, "A")]
    [InlineData(null, "warning", null, null, "A")]
    [InlineData(null, null, "team-ops", null, "D")]
    [InlineData(null, null, null, "eu-west", "B")]
    [InlineData(null, null, null, "region=eu", "B")]
    public void Build_Filters_ByStateSeverityTeamAndText(LiveState? state, string? severity, string? team, string? text, string expected)
    {
        var (matched, catalog) = Pair(
            Group("api", "/r/payments.yml",
                Alert("A", Series(LiveState.Pending, Now, 1, ("severity", "warning"))),
                Alert("B", Series(LiveState.Firing, Now, 1, ("severity", "critical"), ("region", "eu-west")))),
            Group("disk", "/r/infra.yml", Alert("D", Series(LiveState.Firing, Now, 1, ("severity", "critical")))));

        var board = AlertBoard.Build(matched, catalog, new AlertFilter(state, severity, team, text), [], Now);

        Assert.Equal([expected], board.All.Select(a => a.AlertName));
        Assert.Equal(2, board.Teams.Count);
    }

    [Fact]
    public void Build_MoreAlertsThanTheLimit_KeepsTheMostUrgent_AndCountsTheRest()
    {
        var series = Enumerable.Range(0, 30).Select(i => Series(i < 10 ? LiveState.Firing : LiveState.Pending, Now.AddMinutes(-i), i, ("i", i.ToString()))).ToArray();
        var (matched, catalog) = Pair(Group("api", "/r/payments.yml", Alert("Many", series)));

        var board = AlertBoard.Build(matched, catalog, new AlertFilter(), [], Now, limit: 12);

        Assert.Equal((30, 18, 12), (board.Total, board.Cut, board.All.Count()));
        Assert.Equal(10, board.All.Count(a => a.State == LiveState.Firing));
        Assert.Equal(10, board.Firing);
    }

    [Theory]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("{{ $labels.runbook }}", null)]
    [InlineData("runbooks/disk", null)]
    [InlineData("https://wiki.example/disk", "https://wiki.example/disk")]
    public void SafeLink_OnlyAbsoluteHttpAddressesBecomeLinks(string url, string? expected) =>
        Assert.Equal(expected, AlertBoard.SafeLink(url));
}
