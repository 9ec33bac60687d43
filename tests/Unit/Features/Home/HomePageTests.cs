using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Capacity;
using Portal.Domain.Home;
using Portal.Domain.Live;
using Portal.Domain.Runbooks;
using Portal.Features.Home;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Home;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Features.Home;

public class HomePageTests : BunitTestContext
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeHomeOverview _overview = new();

    public HomePageTests() => Services.AddSingleton<IHomeOverview>(_overview);

    private static HomeSnapshot Snapshot(
        HomeTile<CatalogOverview>? catalog = null,
        HomeTile<AlertsOverview>? alerts = null,
        HomeTile<PublishingOverview>? publishing = null,
        HomeTile<CapacityOverview>? capacity = null,
        HomeTile<RunbooksOverview>? runbooks = null) =>
        new(At,
            catalog ?? HomeTile<CatalogOverview>.Of(new CatalogOverview([], 0, 0)),
            alerts ?? HomeTile<AlertsOverview>.Of(new AlertsOverview(0, 0, [], 0, 2)),
            publishing ?? HomeTile<PublishingOverview>.Of(new PublishingOverview(null, [], [], [])),
            capacity ?? HomeTile<CapacityOverview>.Of(new CapacityOverview(0, [], 0, null)),
            runbooks ?? HomeTile<RunbooksOverview>.Of(new RunbooksOverview(0, [], 0, 0)));

    private static AlertEntry Firing(string name, string severity, Guid? rule) =>
        new(rule, "payments", "api", name, "payments", severity, LiveState.Firing, At.AddMinutes(-12), 1,
            new Dictionary<string, string> { ["instance"] = "a" }, null, null, ["prometheus-a"]);

    private static CapacityCard Card(string name, CapacityBand band, double utilization) =>
        new(new CapacityModelRow(Guid.NewGuid(), "sre", new CapacityModelSpec(name, "up", CapacityLimit.Fixed(1), "connections", 0.75, 0.9, []), 1, At, "ann"),
            new CapacityAssessment(utilization * 500, 500, utilization, band, null, "At some share of the limit."), [], []);

    [Fact]
    public void Tiles_ShowTheRealState_AndEachLeadsToItsPage()
    {
        var rule = Guid.NewGuid();
        _overview.Snapshot = Snapshot(
            catalog: HomeTile<CatalogOverview>.Of(new CatalogOverview(
                TeamCatalog.ByTeam([("payments", 120, false), ("payments", 30, false), ("sre", 40, false), ("sre", 9, true)]), 3, 190)),
            alerts: HomeTile<AlertsOverview>.Of(new AlertsOverview(2, 1, [Firing("ApiDown", "critical", rule), Firing("Hand", "warning", null)], 0, 2)),
            publishing: HomeTile<PublishingOverview>.Of(new PublishingOverview(
                new ReleaseSummary(42, At.AddHours(-1), "ann", null, [], ["billing"], null, 3, 5),
                [new TargetRelease("prometheus-a", 41, At.AddHours(-2), 190), new TargetRelease("prometheus-b", null, null, 0)],
                [
                    new ReleaseSummary(42, At.AddHours(-1), "ann", null, [new TargetResult("prometheus-a", TargetOutcome.Live, null, At)], ["billing"], null, 3, 5),
                    new ReleaseSummary(40, At.AddHours(-3), "bob", null, [], [], null, 1, 1),
                ],
                [new TargetDrift("prometheus-b", 41, [], ["by-hand.yml"])])),
            capacity: HomeTile<CapacityOverview>.Of(new CapacityOverview(6, [Card("PostgreSQL connections", CapacityBand.Critical, 0.93)], 1, null)),
            runbooks: HomeTile<RunbooksOverview>.Of(new RunbooksOverview(10, [new RunbookReviewRef("redis-memory", "Redis memory", "sre", At.AddDays(-3))], 4, 20)));

        var cut = RenderPage<HomePage>();

        cut.WaitForAssertion(() => Assert.Contains("190", cut.Find("[data-testid=home-rule-count]").TextContent));
        Assert.Equal(["payments", "sre"], cut.FindAll("[data-testid=home-teams] .home-bars__label").Select(e => e.TextContent));
        Assert.Contains("2", cut.Find("[data-testid=home-firing]").TextContent);
        Assert.Contains("1 pending", cut.Find("[data-testid=home-firing]").TextContent);
        Assert.Equal($"/rules/{rule:D}", cut.Find("[data-testid=home-alerts] a[href^='/rules/']").GetAttribute("href"));
        Assert.Contains("release #41", cut.Find("[data-testid=home-targets]").TextContent);
        Assert.Contains("nothing published yet", cut.Find("[data-testid=home-targets]").TextContent);
        Assert.Equal(["#42 held back 1 namespace", "#40 failed"],
            cut.FindAll("[data-testid=home-release-problem]").Select(e => System.Text.RegularExpressions.Regex.Replace(e.TextContent, @"\s+", " ").Split(" · ")[0].Trim()));
        Assert.Contains("1 foreign", cut.Find("[data-testid=home-drift]").TextContent);
        Assert.Contains("PostgreSQL connections", cut.Find("[data-testid=home-capacity-alarm]").TextContent);
        Assert.Contains("93", cut.Find("[data-testid=home-capacity-alarm]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=home-runbooks-overdue]").TextContent.Trim());
        Assert.Contains("4 of 20 alerting rules", cut.Find("[data-testid=home-runbooks]").TextContent);

        var titles = cut.FindAll(".home-tile__title").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal("/rules", titles["Rules"]);
        Assert.Equal("/alerts", titles["Firing now"]);
        Assert.Equal("/releases", titles["Live release"]);
        Assert.Equal("/publish", titles["Publishing problems"]);
        Assert.Equal("/capacity", titles["Capacity"]);
        Assert.Equal("/runbooks/health", titles["Runbooks"]);
    }

    [Fact]
    public void ATileWhoseSourceIsDown_SaysSo_AndTheOthersStillShow()
    {
        _overview.Snapshot = Snapshot(
            catalog: HomeTile<CatalogOverview>.Of(new CatalogOverview(TeamCatalog.ByTeam([("sre", 7, false)]), 1, 7)),
            alerts: HomeTile<AlertsOverview>.Failed("Prometheus' alerts: no answer in time."));

        var cut = RenderPage<HomePage>();

        cut.WaitForAssertion(() => Assert.Equal("Prometheus' alerts: no answer in time.", cut.Find("[data-testid=home-alerts-unavailable]").TextContent.Trim()));
        Assert.Contains("7", cut.Find("[data-testid=home-rule-count]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=home-firing]"));
    }

    [Fact]
    public void NothingWrong_IsSaidInWords()
    {
        _overview.Snapshot = Snapshot(capacity: HomeTile<CapacityOverview>.Of(new CapacityOverview(6, [], 0, null)));

        var cut = RenderPage<HomePage>();

        cut.WaitForAssertion(() => Assert.Contains("All 6 models are below their warning line", cut.Find("[data-testid=home-capacity-ok]").TextContent));
        Assert.NotEmpty(cut.FindAll("[data-testid=home-publishing-ok]"));
        Assert.Contains("Nothing fires", cut.Find("[data-testid=home-alerts]").TextContent);
    }

    [Fact]
    public void TheOverviewFailingAsAWhole_IsAMessage_NotACrash()
    {
        _overview.Failure = new Npgsql.NpgsqlException("connection refused");

        var cut = RenderPage<HomePage>();

        cut.WaitForAssertion(() => Assert.Contains("The overview could not be gathered", cut.Find("[data-testid=home-error]").TextContent));
    }

    private sealed class FakeHomeOverview : IHomeOverview
    {
        public HomeSnapshot? Snapshot { get; set; }

        public Exception? Failure { get; set; }

        public Task<HomeSnapshot> GetAsync(CancellationToken ct) =>
            Failure is { } failure ? Task.FromException<HomeSnapshot>(failure) : Task.FromResult(Snapshot ?? throw new InvalidOperationException("no snapshot set"));
    }
}
