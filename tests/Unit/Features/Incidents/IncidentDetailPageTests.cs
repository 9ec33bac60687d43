using Bunit;
using Portal.Domain.Incidents;
using Portal.Features.Incidents;
using Portal.Infrastructure.Incidents;
using Portal.Tests.Unit.Fakes;

namespace Portal.Tests.Unit.Features.Incidents;

public class IncidentDetailPageTests : IncidentsTestContext
{
    private static readonly RuleFacts Rule = new(Guid.NewGuid(), 7, "ApiErrors", "rate(errors_total[5m]) > 0.5", "rate(errors_total[5m])", ">", 0.5,
        TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromSeconds(30), "team-a", null);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(IncidentDetail incident)
    {
        Navigation.NavigateTo(Portal.Components.PortalRoutes.IncidentFor(incident.Id));
        var cut = RenderPage<IncidentDetailPage>((nameof(IncidentDetailPage.Id), incident.Id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=incident-steps]")));
        return cut;
    }

    [Fact]
    public void Header_ShowsNumberSeverityStatus_AndTheThresholdInForce()
    {
        var cut = Open(Store.Add("Checkout errors", severity: "SEV-1", rule: Rule));

        Assert.Contains("INC-1 Checkout errors", cut.Find("h1").TextContent);
        Assert.Equal("SEV-1", cut.Find("[data-testid=incident-severity]").TextContent.Trim());
        Assert.Equal("Investigating", cut.Find("[data-testid=incident-status]").TextContent.Trim());
        Assert.Contains("> 0.5", cut.Find("[data-testid=incident-threshold-value]").TextContent);
        Assert.Contains("version 7", cut.Find("[data-testid=incident-threshold]").TextContent);
    }

    [Fact]
    public void ProblemsFromStarting_AreANotice_ShownOnce()
    {
        var incident = Store.Add("Checkout errors");
        var notices = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IncidentNotices>(Services);
        notices.Remember(incident.Id, ["Prometheus did not answer; the chart was not stored."]);

        var cut = Open(incident);

        Assert.Contains("the chart was not stored", cut.Find("[data-testid=incident-notice]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=incident-error]"));
        Assert.Empty(notices.Take(incident.Id));
    }

    [Fact]
    public void MoveOn_SavesTheNextStatus_WithTheVersionItStartedFrom()
    {
        var incident = Store.Add("Checkout errors");
        var cut = Open(incident);

        cut.Find("[data-testid=incident-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Identified", cut.Find("[data-testid=incident-status]").TextContent.Trim()));
        var edit = Assert.Single(Store.Edits);
        Assert.Equal(IncidentStatus.Identified, edit.Status);
        Assert.Equal(incident.Version, edit.Version);
    }

    [Fact]
    public void Timeline_AddsAnEntryAtTheTimeTyped_AndRemovesAnAutomaticOne()
    {
        var automatic = new TimelineEntry(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-50), TimelineKind.AlertFiring, "ApiErrors firing", true, null);
        var incident = Store.Add("Checkout errors", timeline: [automatic]);
        var cut = Open(incident);
        Assert.Equal("from ALERTS", cut.Find("[data-testid=timeline-automatic]").TextContent.Trim());

        cut.Find("input[data-testid=timeline-text], [data-testid=timeline-text] input").Change("Rolled back the deploy");
        cut.Find("input[data-testid=timeline-at], [data-testid=timeline-at] input").Change("2026-03-01 14:05");
        cut.Find("[data-testid=timeline-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=timeline-entry]").Count));
        var added = Store.Incidents[0].Timeline.Single(e => !e.Automatic);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 14, 5, 0, TimeSpan.Zero), added.At);
        Assert.Equal("Rolled back the deploy", added.Text);

        cut.Find("[data-automatic=true] [data-testid=timeline-remove]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=timeline-entry]")));
        Assert.DoesNotContain(Store.Incidents[0].Timeline, e => e.Automatic);
    }

    [Fact]
    public void Timeline_ATimeThatCannotBeRead_IsSaidAtTheField_AndNothingIsAdded()
    {
        var cut = Open(Store.Add("Checkout errors"));

        cut.Find("input[data-testid=timeline-text], [data-testid=timeline-text] input").Change("Paged the DBA");
        cut.Find("input[data-testid=timeline-at], [data-testid=timeline-at] input").Change("yesterday-ish");
        cut.Find("[data-testid=timeline-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("is not a time", cut.Markup));
        Assert.Empty(Store.Incidents[0].Timeline);
    }

    [Fact]
    public void ActionItem_AddedInline_IsSavedWithOwnerDueAndLink()
    {
        var cut = Open(Store.Add("Checkout errors"));

        cut.Find("[data-testid=action-new]").Click();
        cut.Find("input[data-testid=action-text], [data-testid=action-text] input").Change("Alert on the error ratio, not the count");
        cut.Find("input[data-testid=action-owner], [data-testid=action-owner] input").Change("bea");
        cut.Find("input[data-testid=action-due], [data-testid=action-due] input").Change("2026-04-01");
        cut.Find("input[data-testid=action-link], [data-testid=action-link] input").Change("/rules/abc");
        cut.Find("[data-testid=action-save]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=action-item]")));
        var item = Assert.Single(Store.Incidents[0].Actions);
        Assert.Equal(("bea", new DateOnly(2026, 4, 1), "/rules/abc", ActionItemStatus.Open), (item.Owner, item.Due, item.Link, item.Status));
    }

    [Fact]
    public void ActionItem_Deleted_AfterAConfirmation()
    {
        var incident = Store.Add("Checkout errors");
        Store.Incidents[0] = incident with { Actions = [new ActionItem(Guid.NewGuid(), "Duplicate item", "bea", null, ActionItemStatus.Open, null)] };
        var cut = Open(Store.Incidents[0]);

        cut.Find("[data-testid=action-delete]").Click();
        cut.WaitForAssertion(() => cut.FindAll(".mud-message-box__yes-button, .mud-dialog-actions button").Last().Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=action-item]")));
        Assert.Empty(Store.Incidents[0].Actions);
    }

    [Fact]
    public void Timeline_RefreshFromAlerts_AddsWhatPrometheusHas_AndSaysSo()
    {
        var cut = Open(Store.Add("Checkout errors", rule: Rule));
        Store.AlertsToFind.Add(new TimelineEntry(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-5), TimelineKind.AlertResolved, "ApiErrors resolved", true, null));

        cut.Find("[data-testid=timeline-refresh]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=timeline-entry][data-automatic=true]")));
        Assert.Contains("1 alert entry added", cut.Markup);
    }

    [Fact]
    public void Timeline_ABlankIncident_HasNothingToRefreshFrom() =>
        Assert.Empty(Open(Store.Add("Checkout errors")).FindAll("[data-testid=timeline-refresh]"));

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void Resolving_ReadsTheAlertsResolving_WhenThereIsAnAlertToLookFor(bool withRule, int refreshes)
    {
        var incident = Store.Add("Checkout errors", status: IncidentStatus.Monitoring, rule: withRule ? Rule : null);
        var cut = Open(incident);

        cut.Find("[data-testid=incident-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Resolved", cut.Find("[data-testid=incident-status]").TextContent.Trim()));
        cut.WaitForAssertion(() => Assert.Equal(refreshes, Store.Refreshes));
    }

    [Fact]
    public async Task Resolving_ThenTheChartRetaken_TheResolvedSavesNotice_IsKnownAsThisPagesOwn()
    {
        // The resolve saves one version and the refresh that follows it, in the same click, another: the first one's
        // notice, whenever it arrives, is this page's own change and must not read as someone else's.
        Store.RefreshRetakesChart = true;
        var incident = Store.Add("Checkout errors", status: IncidentStatus.Monitoring, rule: Rule);
        var cut = Open(incident);

        cut.Find("[data-testid=incident-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal(1, Store.Refreshes));
        var resolved = incident.Version + 1;
        Assert.Equal(resolved + 1, Store.Incidents[0].Version);

        await cut.InvokeAsync(() => Changes.PublishAsync(new Portal.Infrastructure.Cluster.ChangeNotice(
            Portal.Infrastructure.Cluster.ChangeKinds.Incident, incident.Id.ToString(), "tester", "replica-1", DateTimeOffset.UtcNow,
            resolved.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Empty(cut.FindAll("[data-testid=live-changed]"));
    }

    [Fact]
    public async Task ATimelineEntryAddedElsewhere_Appears_AndTheWriteupBeingTypedStays()
    {
        var incident = Store.Add("Checkout errors");
        var cut = Open(incident);
        var page = cut.FindComponent<IncidentDetailPage>();
        await cut.InvokeAsync(() => page.Instance.BodyChanged(new FakeJSStream("Half a root cause")));
        var entry = new TimelineEntry(Guid.NewGuid(), DateTimeOffset.UtcNow, TimelineKind.Mitigated, "Failed over on another replica", false, "carol");
        Store.Incidents[0] = Store.Incidents[0] with { Timeline = [entry] };

        await cut.InvokeAsync(() => Changes.PublishAsync(new Portal.Infrastructure.Cluster.ChangeNotice(
            Portal.Infrastructure.Cluster.ChangeKinds.Incident, incident.Id.ToString(), "carol", "replica-2", DateTimeOffset.UtcNow, Detail: "timeline")));

        cut.WaitForAssertion(() => Assert.Contains("Failed over on another replica", cut.Find("[data-testid=incident-timeline]").TextContent));
        Assert.Contains("Half a root cause", cut.Find("[data-testid=incident-preview]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=live-changed]"));
    }

    [Fact]
    public async Task ALiveUpdateStillReading_DoesNotSwallowTheNextClick()
    {
        var incident = Store.Add("Checkout errors");
        var cut = Open(incident);
        Store.ReadGate = new TaskCompletionSource();
        await cut.InvokeAsync(() => Changes.PublishAsync(new Portal.Infrastructure.Cluster.ChangeNotice(
            Portal.Infrastructure.Cluster.ChangeKinds.Incident, incident.Id.ToString(), "carol", "replica-2", DateTimeOffset.UtcNow, Detail: "action")));

        cut.Find("[data-testid=incident-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Identified", cut.Find("[data-testid=incident-status]").TextContent.Trim()));
        Store.ReadGate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal("Identified", cut.Find("[data-testid=incident-status]").TextContent.Trim()));
        Assert.Single(Store.Edits);
    }

    [Fact]
    public async Task Conflict_ShowsBothVersions_AndKeepsTheUnsavedWriteup()
    {
        var incident = Store.Add("Checkout errors");
        var cut = Open(incident);
        var page = cut.FindComponent<IncidentDetailPage>();
        await cut.InvokeAsync(() => page.Instance.BodyChanged(new FakeJSStream("My root cause analysis")));
        Store.ChangeBehindTheScenes(incident.Id, "Their summary");

        cut.Find("[data-testid=incident-save]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=incident-conflict-dialog]")));
        Assert.Contains("Their summary", cut.Find("[data-testid=incident-conflict-theirs]").TextContent);
        Assert.Contains("My root cause analysis", cut.Find("[data-testid=incident-conflict-mine]").TextContent);
        cut.Find("[data-testid=incident-conflict-cancel]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=incident-conflict-dialog]")));
        Assert.Equal("Their summary", Store.Incidents[0].Body);
        Assert.Contains("My root cause analysis", cut.Find("[data-testid=incident-preview]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=incident-unsaved]"));
    }

    [Fact]
    public void ResolvedIncident_SaysWhenAnotherThresholdWouldHaveFired_AndLinksToTuningAtIt()
    {
        Evidence.Report = new EarlierDetectionReport(DateTimeOffset.UtcNow.AddHours(-1),
            [new EarlierDetectionOption(0.35, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(14), 2.1, "At 0.35 it would have fired 14m earlier.")],
            null, TimeSpan.FromDays(30));
        var incident = Store.Add("Checkout errors", IncidentStatus.Resolved, rule: Rule);

        var cut = Open(incident);

        cut.WaitForAssertion(() => Assert.Equal("At 0.35 it would have fired 14m earlier.", cut.Find("[data-testid=incident-earlier-sentence]").TextContent));
        Assert.Equal($"/tuning?rule={Rule.RuleId:D}&threshold=0.35", cut.Find("[data-testid=incident-earlier-tune]").GetAttribute("href"));
        Assert.Equal(1, Evidence.EarlierAsked);
    }

    [Fact]
    public void OpenIncident_DoesNotRunTheEarlierDetectionBacktest()
    {
        var cut = Open(Store.Add("Checkout errors", rule: Rule));

        Assert.Empty(cut.FindAll("[data-testid=incident-earlier]"));
        Assert.Equal(0, Evidence.EarlierAsked);
    }

    private static MudBlazor.MudSelect<string> SeveritySelect(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut) =>
        cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "Severity").Instance;

    [Fact]
    public async Task ChangingSeverity_SavesIt_AndTheExpectedResponseFollows()
    {
        var incident = Store.Add("Checkout errors", severity: "SEV-3");
        var cut = Open(incident);
        Assert.Contains("Expected response for SEV-3", cut.Find("[data-testid=incident-times]").TextContent);

        await cut.InvokeAsync(() => SeveritySelect(cut).ValueChanged.InvokeAsync("SEV-1"));

        cut.WaitForAssertion(() => Assert.Equal("SEV-1", cut.Find("[data-testid=incident-severity]").TextContent.Trim()));
        var edit = Assert.Single(Store.Edits);
        Assert.Equal(("SEV-1", incident.Version, "Severity: SEV-1", IncidentStatus.Investigating), (edit.Severity, edit.Version, edit.Reason, edit.Status));
        Assert.Equal("SEV-1", Store.Incidents[0].Severity);
        var sev1 = SeverityLevels.Starter.Single(l => l.Name == "SEV-1");
        Assert.Contains($"Expected response for SEV-1: {IncidentClock.Format(sev1.ExpectedResponse)}", cut.Find("[data-testid=incident-times]").TextContent);
    }

    /// <summary>A SEV-2 incident with an unsaved writeup, saved meanwhile by someone else; then SEV-1 is picked.</summary>
    private async Task<(IRenderedComponent<Bunit.Rendering.ContainerFragment> Cut, IncidentDetail Theirs)> ChangeSeverityOverTheirChangeAsync()
    {
        var incident = Store.Add("Checkout errors", severity: "SEV-2");
        var cut = Open(incident);
        var page = cut.FindComponent<IncidentDetailPage>();
        await cut.InvokeAsync(() => page.Instance.BodyChanged(new FakeJSStream("My root cause analysis")));
        var theirs = Store.ChangeBehindTheScenes(incident.Id, "Their summary");
        // Not awaited: the save waits on the conflict dialog the test answers next.
        _ = cut.InvokeAsync(() => SeveritySelect(cut).ValueChanged.InvokeAsync("SEV-1"));
        return (cut, theirs);
    }

    [Fact]
    public async Task ChangingSeverity_OnAStaleVersion_OpensTheConflict_AndKeepsTheWriteup()
    {
        var (cut, _) = await ChangeSeverityOverTheirChangeAsync();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=incident-conflict-dialog]")));
        Assert.Contains("SEV-1", cut.Find("[data-testid=incident-conflict-fields]").TextContent);
        cut.Find("[data-testid=incident-conflict-cancel]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=incident-conflict-dialog]")));
        Assert.Equal(("SEV-2", "Their summary"), (Store.Incidents[0].Severity, Store.Incidents[0].Body));
        Assert.Equal("SEV-2", cut.Find("[data-testid=incident-severity]").TextContent.Trim());
        Assert.Contains("My root cause analysis", cut.Find("[data-testid=incident-preview]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=incident-unsaved]"));
    }

    [Fact]
    public async Task ChangingSeverity_AfterAConflict_KeepMine_SavesTheSeverityAndTheWriteupOverTheirs()
    {
        var (cut, theirs) = await ChangeSeverityOverTheirChangeAsync();
        cut.WaitForAssertion(() => cut.Find("[data-testid=incident-conflict-keep-mine]").Click());

        cut.WaitForAssertion(() => Assert.Equal("SEV-1", Store.Incidents[0].Severity));
        Assert.Equal("My root cause analysis", Store.Incidents[0].Body);
        Assert.Equal(theirs.Version, Store.Edits.Last().Version);
    }

    [Fact]
    public void Header_LinksToTheHistory()
    {
        var incident = Store.Add("Checkout errors");
        var cut = Open(incident);

        Assert.Equal($"/incidents/{incident.Id:D}/history", cut.Find("[data-testid=incident-history]").GetAttribute("href"));
    }
}
