using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Health;
using Portal.Features.Health;
using Portal.Infrastructure.Cluster;
using Portal.Infrastructure.Health;
using static Portal.Tests.Unit.Features.Health.FakeStatusReporter;

namespace Portal.Tests.Unit.Features.Health;

public class StatusPageTests : BunitTestContext
{
    private readonly FakeStatusReporter _reporter = new();

    public StatusPageTests()
    {
        Services.AddSingleton<IStatusReporter>(_reporter);
        Services.AddSingleton(new HealthHistory());
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new StatusOptions { RefreshSeconds = 3600 }));
        Services.AddSingleton<IReplicaDirectory>(_replicas);
        Services.AddSingleton<ILeaderLocks>(_leaders);
        Services.AddSingleton(new ReplicaIdentity(Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ReplicaName = "replica-1" }), TimeProvider.System));
    }

    private readonly FakeReplicaDirectory _replicas = new();
    private readonly FakeLeaderLocks _leaders = new();

    [Fact]
    public void Page_NamesTheJobsEachReplicaLeads_AndWarnsOfAJobNobodyLeads()
    {
        _reporter.Report = Sample();
        _replicas.Replicas =
        [
            new ReplicaInfo("replica-1", "http://127.0.0.1:5081", "0.1.0", Now.AddHours(-2), Now.AddSeconds(-3)),
            new ReplicaInfo("replica-2", "http://127.0.0.1:5082", "0.1.0", Now.AddHours(-1), Now.AddSeconds(-10)),
        ];
        _leaders.Leaders = [new JobLeader(LeaderJobs.Noise, "replica-2"), new JobLeader(LeaderJobs.PublishingMonitor, "replica-2")];

        var cut = RenderPage<StatusPage>();

        cut.WaitForAssertion(() => Assert.Equal("noise, publishing monitor", cut.Find("[data-replica=replica-2] [data-testid=replica-leads]").TextContent.Trim()));
        Assert.Equal("—", cut.Find("[data-replica=replica-1] [data-testid=replica-leads]").TextContent.Trim());
        Assert.Contains(LeaderJobs.RunbookLinks, cut.Find("[data-testid=leaders-none]").TextContent);
        Assert.DoesNotContain(LeaderJobs.Noise, cut.Find("[data-testid=leaders-none]").TextContent);
    }

    [Fact]
    public void Page_WhenEveryJobIsLed_ShowsNoWarning()
    {
        _reporter.Report = Sample();
        _replicas.Replicas = [new ReplicaInfo("replica-1", null, "0.1.0", Now.AddHours(-2), Now.AddSeconds(-3))];
        _leaders.Leaders = LeaderJobs.All.Select(job => new JobLeader(job, "replica-1")).ToList();

        var cut = RenderPage<StatusPage>();

        cut.WaitForAssertion(() => Assert.Equal("noise, publishing monitor, runbook links", cut.Find("[data-replica=replica-1] [data-testid=replica-leads]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=leaders-none]"));
    }

    [Fact]
    public void Page_WhenLeadersCannotBeRead_SaysSo_ButKeepsTheReplicas()
    {
        _reporter.Report = Sample();
        _replicas.Replicas = [new ReplicaInfo("replica-1", null, "0.1.0", Now.AddHours(-2), Now.AddSeconds(-3))];
        _leaders.Failure = new TimeoutException("database did not answer");

        var failing = RenderPage<StatusPage>();

        failing.WaitForAssertion(() => Assert.Contains("could not be read", failing.Find("[data-testid=leaders-problem]").TextContent));
        Assert.Single(failing.FindAll("[data-testid=replica-row]"));
        Assert.Empty(failing.FindAll("[data-testid=leaders-none]"));
    }

    [Fact]
    public void Page_ListsTheReplicasSeenRecently_AndMarksTheOneServingIt()
    {
        _reporter.Report = Sample();
        _replicas.Replicas =
        [
            new ReplicaInfo("replica-1", "http://127.0.0.1:5081", "0.1.0", Now.AddHours(-2), Now.AddSeconds(-3)),
            new ReplicaInfo("replica-2", "http://127.0.0.1:5082", "0.1.0", Now.AddHours(-1), Now.AddSeconds(-10)),
        ];

        var cut = RenderPage<StatusPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=replica-row]").Count));
        Assert.Equal(["replica-1", "replica-2"], cut.FindAll("[data-testid=replica-row]").Select(r => r.GetAttribute("data-replica")));
        Assert.Contains("http://127.0.0.1:5082", cut.Find("[data-replica=replica-2]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=replica-self]"));
        Assert.NotNull(cut.Find("[data-replica=replica-1] [data-testid=replica-self]"));
        Assert.Equal(ReplicaLiveness.Window, _replicas.AskedWindow);
    }

    [Fact]
    public void Page_WhenTheReplicaListCannotBeRead_SaysSo_AndStillShowsTheChecks()
    {
        _reporter.Report = Sample();
        _replicas.Failure = new TimeoutException("database did not answer");

        var cut = RenderPage<StatusPage>();

        cut.WaitForAssertion(() => Assert.Contains("could not be read", cut.Find("[data-testid=replicas-problem]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=status-error]"));
        Assert.Empty(cut.FindAll("[data-testid=replica-row]"));
    }

    private static ScrapeTargetView Target(string job, string instance, string health, string server = "prometheus-a") =>
        new(server, job, instance, job, health, Now.AddSeconds(-4), 0.0123, health == "down" ? "dial tcp: connection refused" : null);

    [Fact]
    public void Page_ShowsServersPromtoolTargetsByJobDownFirst_FailingRulesWithLinks_AndSlowGroupsAsShareOfInterval()
    {
        var ruleId = Guid.NewGuid();
        _reporter.Report = Sample(
            servers: [Server("prometheus-a"), Server("prometheus-b")],
            targets: [Target("node", "n1", "up"), Target("redis", "r1", "up"), Target("redis", "r2", "down"), Target("node", "n1", "up", "prometheus-b")],
            failing:
            [
                new FailingRule("prometheus-a", "api", "/rules/payments.yml", "ApiDown", 1, "vector contains metrics with the same labelset", Now, ruleId),
                new FailingRule("prometheus-a", "hand", "/rules/hand.yml", "Watchdog", 1, "many-to-many matching not allowed", Now, null),
            ],
            groups: [new GroupTiming("prometheus-a", "slow", "/rules/slow.yml", 15, 9, Now), new GroupTiming("prometheus-b", "quick", "/rules/q.yml", 60, 0.06, Now)]);

        var cut = RenderPage<StatusPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=target-job]").Count));
        Assert.Contains("2.42.0", cut.Find("[data-testid=server-prometheus-a] [data-testid=server-version]").TextContent);
        Assert.Contains("successful", cut.Find("[data-testid=server-prometheus-b] [data-testid=server-reload]").TextContent);
        Assert.Contains("writable", cut.Find("[data-testid=server-prometheus-a] [data-testid=server-rules-dir]").TextContent);
        Assert.Contains("2.42.0", cut.Find("[data-testid=promtool-version]").TextContent);

        var jobs = cut.FindAll("[data-testid=target-job]");
        Assert.Equal(("prometheus-a", "redis"), (jobs[0].GetAttribute("data-server"), jobs[0].GetAttribute("data-job")));
        Assert.Equal("1/2 up", jobs[0].QuerySelector("[data-testid=target-job-summary]")!.TextContent.Trim());
        var rows = jobs[0].QuerySelectorAll("[data-testid=target-row]");
        Assert.Equal(["down", "up"], rows.Select(r => r.GetAttribute("data-health")));
        Assert.Contains("connection refused", rows[0].TextContent);
        Assert.Contains("4 s ago", rows[0].TextContent);
        Assert.Contains("12.3 ms", rows[0].TextContent);
        Assert.Contains("3 of 4 targets up", cut.Find("[data-testid=targets-summary]").TextContent);

        var failing = cut.FindAll("[data-testid=failing-rule]");
        Assert.Equal(2, failing.Count);
        // In file order: hand.yml before payments.yml.
        Assert.Null(failing[0].QuerySelector("a"));
        Assert.Contains("not from the catalog", failing[0].TextContent);
        Assert.Equal($"/rules/{ruleId:D}", failing[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("same labelset", failing[1].TextContent);

        var slow = cut.FindAll("[data-testid=slow-group]");
        Assert.Contains("slow", slow[0].TextContent);
        Assert.Equal("60 %", slow[0].QuerySelector("[data-testid=slow-group-share]")!.TextContent.Trim());
        Assert.Equal("0.1 %", slow[1].QuerySelector("[data-testid=slow-group-share]")!.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=prometheus-banner]"));
    }

    [Fact]
    public void Page_WithAServerUnreachable_ShowsABannerWithTheAgeOfItsLastData()
    {
        _reporter.Report = Sample(
            servers: [Server("prometheus-a", problem: "Prometheus at http://prometheus-a:9090/ is unreachable: Connection refused", dataAt: DateTimeOffset.UtcNow.AddMinutes(-2).AddSeconds(-5)), Server("prometheus-b", problem: "did not answer", dataAt: null)],
            targets: [Target("node", "n1", "up")]);

        var cut = RenderPage<StatusPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=prometheus-banner]").Count));
        var banners = cut.FindAll("[data-testid=prometheus-banner]");
        Assert.Contains("Connection refused", banners[0].TextContent);
        Assert.Contains("as of 2 min ago", banners[0].TextContent);
        Assert.Contains("Nothing has been read from it", banners[1].TextContent);
        Assert.Contains("unreachable", cut.Find("[data-testid=server-prometheus-a] [data-testid=server-reachable]").TextContent);
        // The last good targets stay on the page.
        Assert.Single(cut.FindAll("[data-testid=target-row]"));
    }

    [Fact]
    public void Page_HiddenTab_SaysRefreshIsPaused_AndShownAgain_RefreshesAtOnce()
    {
        _reporter.Report = Sample();
        var cut = RenderPage<StatusPage>();
        cut.WaitForAssertion(() => Assert.Contains("refreshes every 3600 s", cut.Find("[data-testid=checked-at]").TextContent));
        var page = cut.FindComponent<StatusPage>();
        var before = _reporter.Calls;

        cut.InvokeAsync(() => page.Instance.OnVisibilityChanged(false));
        cut.WaitForAssertion(() => Assert.Contains("paused", cut.Find("[data-testid=checked-at]").TextContent));
        Assert.Equal(before, _reporter.Calls);

        _reporter.Report = Sample(targets: [Target("node", "n9", "down")]);
        cut.InvokeAsync(() => page.Instance.OnVisibilityChanged(true));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=target-row]")));
        Assert.Equal(before + 1, _reporter.Calls);
        Assert.Contains("refreshes every", cut.Find("[data-testid=checked-at]").TextContent);
    }

    [Fact]
    public void Page_RegistersTheVisibilityHook()
    {
        _reporter.Report = Sample();

        RenderPage<StatusPage>();

        Assert.Contains(JSInterop.Invocations, i => i.Identifier == StatusPage.WatchFunction);
    }

    [Fact]
    public void Sections_OverTheirCaps_SayHowManyMore()
    {
        var targets = new Bounded<TargetJob>([new TargetJob("a", "node", 1, 1, [Target("node", "n1", "up", "a")])], 41);
        var failing = new Bounded<FailingRule>([new FailingRule("a", "g", "f.yml", "R", 1, "boom", Now, null)], 7);

        var targetsCut = Render<TargetsSection>(p => p.Add(s => s.Targets, targets).Add(s => s.Now, Now));
        var rulesCut = Render<RuleEvaluationSection>(p => p.Add(s => s.Failing, failing).Add(s => s.Slowest, Bounded<GroupTiming>.Empty).Add(s => s.Now, Now));

        Assert.Contains("and 41 more targets", targetsCut.Find("[data-testid=targets-omitted]").TextContent);
        Assert.Contains("and 7 more failing rules", rulesCut.Find("[data-testid=failing-omitted]").TextContent);
    }

    [Fact]
    public void Sections_WithNothingToShow_SaySo()
    {
        var rulesCut = Render<RuleEvaluationSection>(p => p.Add(s => s.Failing, Bounded<FailingRule>.Empty).Add(s => s.Slowest, Bounded<GroupTiming>.Empty));
        var toolCut = Render<ServersSection>(p => p.Add(s => s.Servers, []).Add(s => s.Promtool, new PromtoolStatus("promtool", null, null, "promtool was not found on the PATH")));

        Assert.Contains("Every rule's last evaluation succeeded", rulesCut.Find("[data-testid=no-failing-rules]").TextContent);
        Assert.Contains("not usable", toolCut.Find("[data-testid=promtool]").TextContent);
        Assert.Contains("not found on the PATH", toolCut.Find("[data-testid=promtool]").TextContent);
    }
}
