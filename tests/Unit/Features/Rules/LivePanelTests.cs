using Bunit;
using Portal.Domain.Catalog;
using Portal.Domain.Live;
using Portal.Features.Rules;
using Portal.Infrastructure.Live;
using static Portal.Tests.Unit.Domain.Live.LiveTestData;

namespace Portal.Tests.Unit.Features.Rules;

public class LivePanelTests : RulesTestContext
{
    private const string Expr = "sum(rate(http_requests_total{code=~\"5..\"}[5m])) > 7";

    private (Guid Id, RuleContent Stored) Seed()
    {
        var content = FakeRuleStore.Alert("ApiErrors", Expr);
        return (Store.AddRule(Store.AddGroup("payments", "api"), content), content);
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Guid id)
    {
        Navigation.NavigateTo($"/rules/{id}");
        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-target]")));
        return cut;
    }

    private static RuleLive LiveOf(Guid id, RuleContent live, params TargetRuleState[] targets) =>
        new(id, new PublishedRuleKey("payments", "api", "ApiErrors", 1), RuleStates.Overall(targets), 12, live, targets, 0, Now);

    [Fact]
    public void Panel_SaysLiveInWhichRelease_FiringSinceWhenPerSeries_AndTheEvaluation()
    {
        var (id, stored) = Seed();
        var firing = Alert("ApiErrors", Series(LiveState.Firing, Now.AddMinutes(-5), 9.5, ("service", "api")));
        Live.Rules[id] = LiveOf(id, stored, new TargetRuleState("prometheus-a", null, File("payments"), firing),
            new TargetRuleState("prometheus-b", "Prometheus at http://127.0.0.1:9/ is unreachable: Connection refused", File("payments"), null));

        var cut = Open(id);

        Assert.Equal("Live in release #12", cut.Find("[data-testid=live-title]").TextContent.Trim());
        Assert.Equal("firing", cut.Find("[data-testid=live-state]").TextContent.Trim());
        var series = cut.Find("[data-testid=live-series-row]").TextContent;
        Assert.Contains("firing since 13:25:00 UTC (5 min)", series);
        Assert.Contains("9.5", series);
        Assert.Contains("service=\"api\"", series);
        Assert.Contains("evaluated 3 s ago in 0.5 ms", cut.Find("[data-testid=live-target-evaluation]").TextContent);
        Assert.Contains("not answering", cut.Find("[data-testid=live-target-down]").TextContent);
        // Live equals stored: nothing to compare.
        Assert.True(cut.FindAll("[data-testid=live-diff]").Count == 0, cut.FindAll("[data-testid=live-diff]").FirstOrDefault()?.TextContent);
        Assert.Equal("Stored", cut.Find("[data-testid=editor-yaml-title]").TextContent.Trim());
        Assert.Contains("once the namespace is published", cut.Find("[data-testid=editor-enabled-help]").TextContent);
    }

    [Fact]
    public void Panel_WhenPrometheusRunsAnOlderRule_ShowsLiveVersusDraft()
    {
        var (id, stored) = Seed();
        var older = stored with { Expression = Expr.Replace("> 7", "> 9") };
        Live.Rules[id] = LiveOf(id, older, new TargetRuleState("prometheus-a", null, File("payments"), Alert("ApiErrors")));

        var cut = Open(id);

        var diff = cut.Find("[data-testid=live-diff]");
        Assert.Contains("Live vs. draft", diff.TextContent);
        Assert.Contains(cut.FindAll("[data-testid=live-diff-lines] [data-kind=removed]"), l => l.TextContent.Contains("> 9"));
        Assert.Contains(cut.FindAll("[data-testid=live-diff-lines] [data-kind=added]"), l => l.TextContent.Contains("> 7"));
        Assert.Equal("inactive", cut.Find("[data-testid=live-state]").TextContent.Trim());
    }

    [Fact]
    public void Panel_ForARuleNoTargetHasYet_SaysItIsNotPublished()
    {
        var (id, _) = Seed();
        Live.Rules[id] = new RuleLive(id, new PublishedRuleKey("payments", "api", "ApiErrors", 1), LiveState.NoData, null, null,
            [new TargetRuleState("prometheus-a", null, null, null)], 0, Now);

        var cut = Open(id);

        Assert.Equal("Live: not published yet", cut.Find("[data-testid=live-title]").TextContent.Trim());
        Assert.Contains("holds no published file", cut.Find("[data-testid=live-target-state]").TextContent);
    }
}
