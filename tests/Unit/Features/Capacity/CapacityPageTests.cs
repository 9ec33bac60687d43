using Bunit;
using Bunit.Rendering;
using Portal.Domain.Capacity;
using Portal.Features.Capacity;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Capacity;

public class CapacityPageTests : CapacityTestContext
{
    private IRenderedComponent<ContainerFragment> Open(CapacityStarterSet? starter = null)
    {
        var cut = starter is null ? RenderPage<CapacityPage>() : RenderPage<CapacityPage>(("Starter", starter));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    private static AngleSharp.Dom.IElement CardOf(IRenderedComponent<ContainerFragment> cut, string name) =>
        cut.FindAll("[data-testid=capacity-card]").Single(c => c.GetAttribute("data-model") == name);

    private static CapacityCard Named(string name, CapacityAssessment assessment, string team = "team-a") =>
        CapacityData.Card(CapacityData.Row(CapacityData.Connections() with { Name = name }, team), assessment);

    [Fact]
    public void Cards_InEveryState_ShowTheirBand_AndTheSummaryCountsThem()
    {
        Evaluator.Report = CapacityData.Report(
            Named("ok one", CapacityData.Ok()), Named("warning one", CapacityData.Warning()), Named("critical one", CapacityData.Critical()),
            Named("broken one", CapacityData.Failed()), Named("silent one", CapacityData.NoData()));

        var cut = Open();

        Assert.Equal(5, cut.FindAll("[data-testid=capacity-card]").Count);
        Assert.Equal("ok", CardOf(cut, "ok one").QuerySelector("[data-testid=capacity-card-band]")!.TextContent.Trim());
        Assert.Equal("warning", CardOf(cut, "warning one").QuerySelector("[data-testid=capacity-card-band]")!.TextContent.Trim());
        Assert.Equal("critical", CardOf(cut, "critical one").QuerySelector("[data-testid=capacity-card-band]")!.TextContent.Trim());
        Assert.Equal("error", CardOf(cut, "broken one").QuerySelector("[data-testid=capacity-card-band]")!.TextContent.Trim());
        Assert.Equal("no data", CardOf(cut, "silent one").QuerySelector("[data-testid=capacity-card-band]")!.TextContent.Trim());
        foreach (var band in new[] { "ok", "warning", "critical", "error", "no-data" })
        {
            Assert.Equal("1 " + band.Replace('-', ' '), cut.Find($"[data-testid=capacity-summary-{band}]").TextContent.Trim());
        }
    }

    [Fact]
    public void ErrorCard_ShowsTheProblem_AndTheOtherCardsStillShowTheirValues()
    {
        Evaluator.Report = CapacityData.Report(Named("broken one", CapacityData.Failed()), Named("fine one", CapacityData.Ok()));

        var cut = Open();

        var broken = CardOf(cut, "broken one");
        Assert.Contains("returned 3 series", broken.QuerySelector("[data-testid=capacity-card-problem]")!.TextContent);
        Assert.Equal("—", broken.QuerySelector("[data-testid=capacity-card-current]")!.TextContent.Trim());
        Assert.Null(broken.QuerySelector("[data-testid=capacity-card-chart]"));
        Assert.Contains("No utilization", broken.QuerySelector("[data-testid=capacity-gauge]")!.GetAttribute("aria-valuetext"));
        Assert.Equal("250 connections", CardOf(cut, "fine one").QuerySelector("[data-testid=capacity-card-current]")!.TextContent.Trim());
    }

    [Fact]
    public void NoDataCard_SaysTheQueryAnsweredNothing_AndHasNoForecast()
    {
        Evaluator.Report = CapacityData.Report(Named("silent one", CapacityData.NoData()));

        var card = CardOf(Open(), "silent one");

        Assert.Contains("answered with nothing", card.QuerySelector("[data-testid=capacity-card-problem]")!.TextContent);
        Assert.Equal("No forecast without data.", card.QuerySelector("[data-testid=capacity-card-forecast]")!.TextContent.Trim());
    }

    [Fact]
    public void WarningCard_ShowsValueLimitForecastRecommendationRunbookAndChart()
    {
        Evaluator.Report = CapacityData.Report(Named("pool", CapacityData.Warning()));

        var card = CardOf(Open(), "pool");

        Assert.Equal("410 connections", card.QuerySelector("[data-testid=capacity-card-current]")!.TextContent.Trim());
        Assert.Contains("of 500 connections", card.QuerySelector("[data-testid=capacity-card-limit]")!.TextContent);
        Assert.Equal("warning already reached · critical in 3 days · limit in 8 days",
            card.QuerySelector("[data-testid=capacity-card-forecast]")!.TextContent.Trim());
        Assert.Contains("the cliff is reached in 3 days", card.QuerySelector("[data-testid=capacity-card-recommendation]")!.TextContent);
        Assert.Equal("/runbooks/postgres-connections", card.QuerySelector("[data-testid=capacity-card-runbook]")!.GetAttribute("href"));
        Assert.NotNull(card.QuerySelector("[data-testid=capacity-card-chart]"));
    }

    [Fact]
    public void Gauge_IsAMeter_WithTheUtilizationAsItsValue_TheMarksAsTicks_AndTheSameInWords()
    {
        Evaluator.Report = CapacityData.Report(Named("pool", CapacityData.Warning()));

        var cut = Open();

        var gauge = CardOf(cut, "pool").QuerySelector("[data-testid=capacity-gauge]")!;
        Assert.Equal("meter", gauge.GetAttribute("role"));
        Assert.Equal("82", gauge.GetAttribute("aria-valuenow"));
        Assert.Equal("0", gauge.GetAttribute("aria-valuemin"));
        Assert.Equal("100", gauge.GetAttribute("aria-valuemax"));
        Assert.Equal("82 % of the limit, warning (warning at 75 %, critical at 90 %)", gauge.GetAttribute("aria-valuetext"));
        Assert.Equal(["autoscale at 75 %", "cliff at 90 %"], gauge.QuerySelectorAll("[data-testid=capacity-gauge-mark]").Select(m => m.GetAttribute("title")));
        Assert.Contains("left: 82%", gauge.QuerySelector("[data-testid=capacity-gauge-needle]")!.GetAttribute("style"));
        Assert.Equal(gauge.GetAttribute("aria-valuetext"), CardOf(cut, "pool").QuerySelector("[data-testid=capacity-gauge-text]")!.TextContent.Trim());
    }

    [Fact]
    public void Gauge_PastTheLimit_PinsTheNeedleAtTheEnd_AndGrowsItsMaximum()
    {
        var past = CapacityData.Critical() with { Current = 560, Utilization = 1.12 };
        Evaluator.Report = CapacityData.Report(Named("pool", past));

        var gauge = CardOf(Open(), "pool").QuerySelector("[data-testid=capacity-gauge]")!;

        Assert.Equal("112", gauge.GetAttribute("aria-valuenow"));
        Assert.Equal("112", gauge.GetAttribute("aria-valuemax"));
        Assert.Contains("left: 100%", gauge.QuerySelector("[data-testid=capacity-gauge-needle]")!.GetAttribute("style"));
    }

    [Fact]
    public void BytesModel_ShowsGigabytes_AndAFlatOneSaysNotGrowing()
    {
        var memory = CapacityData.Row(CapacityData.Memory());
        var assessment = new CapacityAssessment(3.5 * 1024 * 1024 * 1024, 4096.0 * 1024 * 1024, 0.875, CapacityBand.Warning,
            new CapacityForecast(0, false, null, null, null, 40), "At 88 % of the limit.");
        Evaluator.Report = CapacityData.Report(CapacityData.Card(memory, assessment));

        var card = CardOf(Open(), "Backend memory");

        Assert.Equal("3.5 GB", card.QuerySelector("[data-testid=capacity-card-current]")!.TextContent.Trim());
        Assert.Contains("of 4 GB", card.QuerySelector("[data-testid=capacity-card-limit]")!.TextContent);
        Assert.Equal("Not growing.", card.QuerySelector("[data-testid=capacity-card-forecast]")!.TextContent.Trim());
    }

    [Fact]
    public void CardsAreGroupedByTeam()
    {
        Evaluator.Report = CapacityData.Report(Named("b1", CapacityData.Ok(), "team-b"), Named("a1", CapacityData.Ok()), Named("a2", CapacityData.Ok()));

        var cut = Open();

        var teams = cut.FindAll("[data-testid=capacity-team]");
        Assert.Equal(["team-a", "team-b"], teams.Select(t => t.GetAttribute("data-team")));
        Assert.Equal(2, teams[0].QuerySelectorAll("[data-testid=capacity-card]").Length);
    }

    [Fact]
    public void PrometheusUnavailable_ShowsABanner_WithTheAgeOfTheDataKept()
    {
        Evaluator.Report = CapacityData.Report(Named("pool", CapacityData.Warning())) with
        {
            EvaluatedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Unavailable = "connection refused",
        };

        var cut = Open();

        var banner = cut.Find("[data-testid=capacity-unavailable]").TextContent;
        Assert.Contains("connection refused", banner);
        Assert.Contains("5 minutes old", banner);
        Assert.Single(cut.FindAll("[data-testid=capacity-card]"));
    }

    [Fact]
    public void EvaluationFailing_SaysSo_InsteadOfBreakingThePage()
    {
        Evaluator.Failure = new HttpRequestException("connection refused");

        var cut = Open();

        Assert.Contains("The capacity models could not be measured", cut.Find("[data-testid=capacity-error]").TextContent);
    }

    [Fact]
    public void Viewer_SeesNoNewEditOrAlertButtons()
    {
        SignIn("vera", "Viewer", "team-a");
        Evaluator.Report = CapacityData.Report(Named("pool", CapacityData.Warning()));

        var cut = Open();

        Assert.Single(cut.FindAll("[data-testid=capacity-card]"));
        Assert.Empty(cut.FindAll("[data-testid=capacity-new]"));
        Assert.Empty(cut.FindAll("[data-testid=capacity-card-edit]"));
        Assert.Empty(cut.FindAll("[data-testid=capacity-card-alert]"));
    }

    [Fact]
    public void Viewer_OnAnEmptyPage_IsNotOfferedTheStarterSet()
    {
        SignIn("vera", "Viewer", "team-a");
        Evaluator.Report = CapacityData.Report();

        var cut = Open();

        Assert.Contains("No capacity models yet", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=capacity-starter]"));
    }

    [Fact]
    public void Editor_MayEditTheirTeamsModels_ButNotAnotherTeams()
    {
        SignIn("erin", "Editor", "team-a");
        Evaluator.Report = CapacityData.Report(Named("ours", CapacityData.Ok()), Named("theirs", CapacityData.Ok(), "team-b"));

        var cut = Open();

        Assert.NotNull(CardOf(cut, "ours").QuerySelector("[data-testid=capacity-card-edit]"));
        Assert.NotNull(CardOf(cut, "ours").QuerySelector("[data-testid=capacity-card-alert]"));
        Assert.Null(CardOf(cut, "theirs").QuerySelector("[data-testid=capacity-card-edit]"));
        Assert.Null(CardOf(cut, "theirs").QuerySelector("[data-testid=capacity-card-alert]"));
    }

    [Fact]
    public void AlertOnThis_DraftsTheRule_AndOpensItInTheRuleEditor()
    {
        var card = Named("pool", CapacityData.Warning());
        Evaluator.Report = CapacityData.Report(card);
        var cut = Open();

        cut.Find("[data-testid=capacity-card-alert]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith($"/rules/{Capacity.DraftedRuleId:D}", Navigation.Uri));
        Assert.Equal([card.Model.Id], Capacity.Drafts);
    }

    [Fact]
    public void AlertOnThis_Refused_SaysWhyInTheCard_AndStaysOnThePage()
    {
        Evaluator.Report = CapacityData.Report(Named("pool", CapacityData.Warning()));
        Capacity.NextDraft = StoreResult<Guid>.Forbidden("Only Editors of team-a may add rules there.");
        var cut = Open();

        cut.Find("[data-testid=capacity-card-alert]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Only Editors of team-a", cut.Find("[data-testid=capacity-card-error]").TextContent));
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public void EmptyPage_OffersTheStarterSet_ThroughAPreview_ThenCreatesItForTheTeam()
    {
        SignIn("erin", "Editor", "team-a");
        Evaluator.Report = CapacityData.Report();
        var starter = new CapacityStarterSet(
            [CapacityData.Connections(), CapacityData.Memory()],
            [new MemoryBudgetSpec("4 GB host", CapacityLimit.Fixed(4096.0 * 1024 * 1024), 512.0 * 1024 * 1024,
                [new MemoryBudgetComponent("backend", "process_resident_memory_bytes", 500.0 * 1024 * 1024)])],
            [new ServiceBaselineSpec("portal", "histogram_quantile(0.95, x)", 0.2, "sum(rate(http_requests_total[5m]))", 50)]);
        var cut = Open(starter);

        cut.Find("[data-testid=capacity-starter]").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=capacity-starter-row]").Count));
        var rows = cut.FindAll("[data-testid=capacity-starter-row]");
        Assert.Contains("PostgreSQL connections", rows[0].TextContent);
        Assert.Contains("500 connections", rows[0].TextContent);
        Assert.Contains("4 GB host", rows[2].TextContent);
        Assert.Empty(Capacity.StarterImports);

        Evaluator.Report = CapacityData.Report(Named("PostgreSQL connections", CapacityData.Ok()));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=capacity-starter-create]").HasAttribute("disabled")));
        cut.Find("[data-testid=capacity-starter-create]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=capacity-card]")));
        var (team, set) = Assert.Single(Capacity.StarterImports);
        Assert.Equal("team-a", team);
        Assert.Same(starter, set);
    }

    [Fact]
    public void StarterSet_Refused_KeepsThePreviewOpen_WithTheReason()
    {
        SignIn("erin", "Editor", "team-a");
        Evaluator.Report = CapacityData.Report();
        Capacity.NextStarter = StoreResult<int>.Invalid("models[0].name", "A model named PostgreSQL connections exists already.");
        var cut = Open(new CapacityStarterSet([CapacityData.Connections()], [], []));

        cut.Find("[data-testid=capacity-starter]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=capacity-starter-create]").HasAttribute("disabled")));
        cut.Find("[data-testid=capacity-starter-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("exists already", cut.Find("[data-testid=capacity-starter-error]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=capacity-starter-row]"));
    }

    [Fact]
    public void MemoryBudget_ShowsEachComponentAgainstItsBudget_AndMarksTheOneOverIt()
    {
        const double mb = 1024 * 1024;
        var spec = new MemoryBudgetSpec("4 GB host", CapacityLimit.Fixed(4096 * mb), 1024 * mb,
        [
            new MemoryBudgetComponent("backend", "q1", 500 * mb),
            new MemoryBudgetComponent("postgresql", "q2", 800 * mb),
        ]);
        var view = new MemoryBudgetView(spec, 4096 * mb,
            [new MemoryBudgetUse(spec.Components[0], 620 * mb, OverBudget: true), new MemoryBudgetUse(spec.Components[1], 400 * mb, OverBudget: false)],
            2052 * mb);
        Evaluator.Report = CapacityData.Report() with { Budgets = [view] };

        var cut = Open();

        var backend = cut.FindAll("[data-testid=capacity-budget-row]").Single(r => r.GetAttribute("data-component") == "backend");
        Assert.Contains("620 MB", backend.TextContent);
        Assert.Contains("500 MB", backend.TextContent);
        Assert.Contains("over budget", backend.TextContent);
        var postgres = cut.FindAll("[data-testid=capacity-budget-row]").Single(r => r.GetAttribute("data-component") == "postgresql");
        Assert.DoesNotContain("over budget", postgres.TextContent);
        Assert.Contains("2 GB", cut.Find("[data-testid=capacity-budget-free]").TextContent);
        Assert.Contains("over budget", cut.Find("[data-testid=capacity-budget-legend]").TextContent);
    }

    [Fact]
    public void Baselines_ShowTargetsAgainstMeasurements_WithAStatus()
    {
        var spec = new ServiceBaselineSpec("portal", "p95", 0.2, "rate", 50);
        Evaluator.Report = CapacityData.Report() with { Baselines = [new ServiceBaselineView(spec, 0.35, 80, CapacityBand.Critical)] };

        var row = Open().Find("[data-testid=capacity-baseline-row]");

        Assert.Contains("≤ 200 ms", row.TextContent);
        Assert.Contains("350 ms", row.TextContent);
        Assert.Contains("≥ 50 /s", row.TextContent);
        Assert.Contains("80 /s", row.TextContent);
        Assert.Equal("critical", row.QuerySelector("[data-testid=capacity-baseline-status]")!.TextContent.Trim());
    }
}
