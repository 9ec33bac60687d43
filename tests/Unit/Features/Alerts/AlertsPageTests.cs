using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Live;
using Portal.Features.Alerts;
using Portal.Tests.Unit.Domain.Live;
using static Portal.Tests.Unit.Domain.Live.LiveTestData;

namespace Portal.Tests.Unit.Features.Alerts;

public class AlertsPageTests : BunitTestContext
{
    private readonly FakeLiveAlerts _live = new();

    public AlertsPageTests() => Services.AddSingleton<Portal.Infrastructure.Live.ILiveAlerts>(_live);

    private static AlertBoard Board(IReadOnlyList<TargetProblem>? down = null)
    {
        var files = new[] { File("payments", "team-pay") };
        var groups = new[]
        {
            Group("api", "/r/payments.yml",
                Alert("ApiDown", new LiveSeries(new Dictionary<string, string> { ["severity"] = "critical", ["instance"] = "api-1" },
                    new Dictionary<string, string> { ["runbook_url"] = "https://runbooks.example/api-down", ["summary"] = "API is down" },
                    LiveState.Firing, Now.AddMinutes(-5), 0)),
                Alert("ApiSlow", Series(LiveState.Pending, Now.AddMinutes(-1), 2.5, ("severity", "warning")))),
            Group("hand", "/r/hand-made.yml", Alert("Watchdog", Series(LiveState.Firing, Now.AddHours(-2)))),
        };
        var matched = LiveMatching.Match("prometheus-a", groups, files);
        var catalog = LiveMatching.Index([Stored("payments", "api", "ApiDown", "team-pay"), Stored("payments", "api", "ApiSlow", "team-pay")]);
        return AlertBoard.Build(matched, catalog, new AlertFilter(), down ?? [], Now);
    }

    [Fact]
    public void Page_GroupsBySeverityAndTeam_WithSinceValueLabelsAndLinks_AndUnmanagedApart()
    {
        _live.Board = Board();

        var cut = RenderPage<AlertsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=alert-group]").Count));
        var groups = cut.FindAll("[data-testid=alert-group]");
        Assert.Equal(("critical", "team-pay"), (groups[0].GetAttribute("data-severity"), groups[0].GetAttribute("data-team")));
        Assert.Equal("warning", groups[1].GetAttribute("data-severity"));
        var firing = groups[0].QuerySelector("[data-testid=alert-row]")!;
        Assert.Contains("since 13:25:00 UTC (5 min)", firing.TextContent);
        Assert.Contains("instance=api-1", firing.TextContent);
        Assert.Contains("API is down", firing.TextContent);
        Assert.StartsWith("/rules/", firing.QuerySelector("[data-testid=alert-rule-link]")!.GetAttribute("href"));
        Assert.StartsWith("/tuning?rule=", firing.QuerySelector("[data-testid=alert-tuning-link]")!.GetAttribute("href"));
        Assert.Equal("https://runbooks.example/api-down", firing.QuerySelector("[data-testid=alert-runbook-link]")!.GetAttribute("href"));

        var unmanaged = cut.Find("[data-testid=alerts-unmanaged]");
        Assert.Contains("Watchdog", unmanaged.TextContent);
        Assert.Empty(unmanaged.QuerySelectorAll("[data-testid=alert-rule-link]"));
        Assert.Contains("2 firing", cut.Find("[data-testid=alerts-counts]").TextContent);
    }

    [Fact]
    public void Page_ATargetDown_SaysWhichAndWhy_AndShowsTheOthersAlerts()
    {
        _live.Board = Board([new TargetProblem("prometheus-b", "connection refused")]);

        var cut = RenderPage<AlertsPage>();

        cut.WaitForAssertion(() => Assert.Contains("prometheus-b is not answering", cut.Find("[data-testid=alerts-target-down]").TextContent));
        Assert.Contains("connection refused", cut.Find("[data-testid=alerts-target-down]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=alert-row]"));
    }

    [Fact]
    public void Page_FiltersFromTheAddress_ReachTheService()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/alerts?state=firing&severity=critical&team=team-pay&q=api");

        var cut = RenderPage<AlertsPage>();

        cut.WaitForAssertion(() => Assert.Contains(new AlertFilter(LiveState.Firing, "critical", "team-pay", "api"), _live.Asked));
        Assert.Contains("No alert of the portal's rules matches these filters", cut.Markup);
    }

    [Fact]
    public async Task Page_HiddenTab_StopsSayingItRefreshes_AndRefreshesWhenShownAgain()
    {
        _live.Board = Board();
        var cut = RenderPage<AlertsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alert-row]")));
        var page = cut.FindComponent<AlertsPage>().Instance;
        var asked = _live.Asked.Count;

        await cut.InvokeAsync(() => page.OnVisibilityChanged(false));
        cut.WaitForAssertion(() => Assert.Contains("paused while the tab is hidden", cut.Find("[data-testid=alerts-refreshed]").TextContent));

        await cut.InvokeAsync(() => page.OnVisibilityChanged(true));
        cut.WaitForAssertion(() => Assert.Contains("refreshes every 15 s", cut.Find("[data-testid=alerts-refreshed]").TextContent));
        Assert.True(_live.Asked.Count > asked);
    }
}
