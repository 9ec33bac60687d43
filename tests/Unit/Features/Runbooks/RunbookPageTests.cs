using Bunit;
using Portal.Domain.Live;
using Portal.Domain.Runbooks;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Unit.Features.Runbooks;

public class RunbookPageTests : RunbooksTestContext
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(string slug)
    {
        Navigation.NavigateTo("/runbooks/" + slug);
        var cut = RenderPage<RunbookPage>((nameof(RunbookPage.Slug), slug));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    [Fact]
    public void Runbook_ShowsItsBody_TeamTagsAndReview_WithEditAndHistory()
    {
        Store.Add("postgres-slow", "PostgreSQL is slow", "team-a", body: "Check pg_stat_activity", tags: ["database"], reviewDays: 30,
            reviewedAt: Store.Now.AddDays(-40), by: "dora");

        var cut = Open("postgres-slow");

        Assert.Equal("PostgreSQL is slow", cut.Find("h1").TextContent.Trim());
        Assert.Contains("Check pg_stat_activity", cut.Find("[data-testid=runbook-body]").TextContent);
        Assert.Contains("team-a", cut.Find("[data-testid=runbook-team]").TextContent);
        Assert.Contains("Reviewed by dora", cut.Find("[data-testid=runbook-review]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=runbook-review-due]"));
        Assert.Equal("/runbooks/postgres-slow/edit", cut.Find("[data-testid=runbook-edit]").GetAttribute("href"));
        Assert.Equal("/runbooks/postgres-slow/history", cut.Find("[data-testid=runbook-history]").GetAttribute("href"));
    }

    [Fact]
    public async Task AnOldSlug_MovesToTheNewOne_ReplacingTheAddress()
    {
        var detail = Store.Add("pg-slow", "PostgreSQL is slow");
        await Store.SaveAsync(new RunbookEdit("pg-slow", "postgres-slow", detail.Title, [], detail.Team, detail.Body, null, detail.Version),
            Portal.Domain.Access.Caller.System(), default);

        Navigation.NavigateTo("/runbooks/pg-slow");
        var cut = RenderPage<RunbookPage>((nameof(RunbookPage.Slug), "pg-slow"));

        cut.WaitForAssertion(() => Assert.EndsWith("/runbooks/postgres-slow", Navigation.Uri));
        Assert.Empty(cut.FindAll("[data-testid=runbook-not-found]"));
        Assert.EndsWith("/runbooks/postgres-slow", Navigation.Uri);
    }

    [Fact]
    public void AnUnknownSlug_SaysSo()
    {
        var cut = Open("nothing-here");

        Assert.Contains("There is no runbook at /runbooks/nothing-here", cut.Find("[data-testid=runbook-not-found]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=runbook-edit]"));
    }

    [Fact]
    public void LinkedRules_ShowTheirLiveState_AndValue_EachLinkingToItsRule()
    {
        Store.Add("api-errors", "API errors");
        var firing = Guid.NewGuid();
        var quiet = Guid.NewGuid();
        Store.Link("api-errors", new LinkedRule(firing, "ApiErrors", true, "payments", "api", "team-a"));
        Store.Link("api-errors", new LinkedRule(quiet, "ApiSlow", true, "payments", "api", "team-a"));
        Live.Index = new LiveIndex(new Dictionary<Guid, RuleLiveSummary>
        {
            [firing] = new(LiveState.Firing, 2, 0, false, 3),
            [quiet] = new(LiveState.Inactive, 0, 0, false, 3),
        }, [], DateTimeOffset.UtcNow);
        var series = new LiveSeries(new Dictionary<string, string>(), new Dictionary<string, string>(), LiveState.Firing, DateTimeOffset.UtcNow, 0.125);
        Live.Rules[firing] = new RuleLive(firing, null, LiveState.Firing, 3, null,
            [new Portal.Domain.Live.TargetRuleState("prometheus", null, null,
                new EvaluatedRule("ApiErrors", Portal.Domain.Lint.RuleKind.Alerting, "x > 0", LiveState.Firing, "ok", null, null, null, [series], 1))],
            0, DateTimeOffset.UtcNow);

        var cut = Open("api-errors");

        var rows = cut.FindAll("[data-testid=runbook-linked-rule]");
        Assert.Equal(2, rows.Count);
        var apiErrors = rows.Single(r => r.TextContent.Contains("ApiErrors"));
        Assert.Equal("firing", apiErrors.QuerySelector("[data-testid=linked-rule-live]")!.GetAttribute("data-state"));
        Assert.Equal("0.125", apiErrors.QuerySelector("[data-testid=linked-rule-value]")!.TextContent.Trim());
        Assert.Equal($"/rules/{firing:D}", apiErrors.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("inactive", rows.Single(r => r.TextContent.Contains("ApiSlow")).QuerySelector("[data-testid=linked-rule-live]")!.GetAttribute("data-state"));
    }

    [Fact]
    public void MarkReviewed_RecordsTheReview_AndSaysWho()
    {
        Store.Add("disk", "Disk full", reviewDays: 30);
        var cut = Open("disk");
        Assert.Contains("Never reviewed", cut.Find("[data-testid=runbook-review]").TextContent);

        cut.Find("[data-testid=runbook-mark-reviewed]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Reviewed by tester", cut.Find("[data-testid=runbook-review]").TextContent));
        Assert.Equal("tester", Store.Get("disk")!.LastReviewedBy);
    }

    [Fact]
    public void AnotherTeamsEditor_SeesNoEditOrMarkReviewed_ButTheHistory()
    {
        SignIn("bea", "Editor", "team-b");
        Store.Add("disk", "Disk full", "team-a", reviewDays: 30);

        var cut = Open("disk");

        Assert.Empty(cut.FindAll("[data-testid=runbook-edit]"));
        Assert.Empty(cut.FindAll("[data-testid=runbook-mark-reviewed]"));
        Assert.NotNull(cut.Find("[data-testid=runbook-history]"));
    }

    [Fact]
    public void Body_PutsALiveBlock_WhereTheRendererCutTheHtml()
    {
        var rendered = new RenderedRunbook(
            [new RunbookPart("<p>before</p>", null), new RunbookPart(null, new LiveBlock("up == 0", TimeSpan.FromHours(1), 3)), new RunbookPart("<p>after</p>", null)],
            []);

        // The live block's own behaviour is LivePromQlBlockTests'; here only where it goes.
        ComponentFactories.AddStub<LivePromQlBlock>();
        var cut = Render<RunbookBody>(p => p.Add(b => b.Rendered, rendered));

        Assert.Equal("up == 0", cut.FindComponent<Bunit.TestDoubles.Stub<LivePromQlBlock>>().Instance.Parameters.Get(b => b.Block).Query);
        Assert.Equal(["before", "after"], cut.FindAll("p").Select(p => p.TextContent));
    }
}
