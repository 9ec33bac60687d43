using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;

namespace Portal.Tests.Integration.Incidents;

/// <summary>
/// Changing an incident after the fact: reading ALERTS again (what it adds, what stays removed, the chart kept when the new
/// one is poorer), deleting an action item, restoring a revision. The real store on its own database; evidence from
/// <see cref="FakeEvidence"/> (the differential against Prometheus is in <see cref="EvidenceTests"/>).
/// </summary>
public class IncidentStoreRepairTests(IncidentStoreDatabase database) : IClassFixture<IncidentStoreDatabase>
{
    private static readonly Caller Editor = Caller.Of("sam", [PortalRole.Editor], ["sre"]);
    private static readonly Caller Viewer = Caller.Of("vic", [PortalRole.Viewer], []);

    private static readonly RuleFacts Rule = new(Guid.NewGuid(), 3, "HighCpu", "cpu_usage > 0.9", "cpu_usage", ">", 0.9,
        TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromSeconds(30), "sre", null);

    private IIncidentStore Store => database.Store;

    private static TimelineEntry Alert(DateTimeOffset at, TimelineKind kind, string text) => new(Guid.NewGuid(), at, kind, text, true, null);

    private static ChartSnapshot Chart(DateTimeOffset at, params double[] values) =>
        new("cpu_usage", at.ToUnixTimeMilliseconds(), 30_000, [new SnapshotSeries("{instance=\"web-1\"}", values)], 0.9, ">", at);

    private async Task<IncidentDetail> StartFromAlertAsync(DateTimeOffset at, IReadOnlyList<TimelineEntry> found, ChartSnapshot? chart)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "HighCpu", ["instance"] = "web-1" };
        database.Evidence.Next = new IncidentEvidence(Rule, new AlertFacts("HighCpu", labels, 0.95, at), found, chart, []);
        var result = await Store.StartAsync(new IncidentStart(null, "SEV-2", StarterIncidentTemplates.PostmortemKey, Rule.RuleId, labels, at), Editor, default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }

    [Fact]
    public async Task Refresh_AddsWhatIsNew_KeepsARemovedEntryRemoved_AndDoesNotMakeTheWriteupStale()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-40);
        var firing = Alert(at, TimelineKind.AlertFiring, "HighCpu firing (instance=web-1)");
        var unrelated = Alert(at.AddMinutes(2), TimelineKind.AlertFiring, "DiskFull firing (instance=web-1)");
        var incident = await StartFromAlertAsync(at, [firing, unrelated], Chart(at, 0.5, 0.95));
        var removed = incident.Timeline.Single(e => e.Text.StartsWith("DiskFull", StringComparison.Ordinal));
        Assert.True((await Store.RemoveTimelineAsync(incident.Id, removed.Id, Editor, default)).Succeeded);

        // Read again with a coarser step (times a few seconds off), plus the alert's resolving, which came later.
        var resolvedAt = at.AddMinutes(30);
        database.Evidence.Next = new IncidentEvidence(null, null,
            [firing with { At = at.AddSeconds(20) }, unrelated with { At = unrelated.At.AddSeconds(-20) }, Alert(resolvedAt, TimelineKind.AlertResolved, "HighCpu resolved (instance=web-1)")],
            Chart(at, 0.5, 0.95, 0.7), []);
        var result = await Store.RefreshFromAlertsAsync(incident.Id, Viewer, default);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var refresh = result.Value!;
        Assert.Equal((1, 2, true), (refresh.Added, refresh.Known, refresh.ChartRetaken));
        var read = (await Store.FindAsync(incident.Id, default))!;
        Assert.Equal([TimelineKind.Detected, TimelineKind.AlertFiring, TimelineKind.AlertResolved], read.Timeline.Select(e => e.Kind).Order());
        Assert.Equal(resolvedAt.ToUnixTimeSeconds(), read.Timeline[^1].At.ToUnixTimeSeconds());
        Assert.Equal([0.5, 0.95, 0.7], read.Chart!.Series[0].Values);
        Assert.Equal(read.Timeline.Select(e => e.Id), refresh.Incident.Timeline.Select(e => e.Id));

        // Nothing new the second time; and the writeup someone is typing still saves on the version read before both.
        var again = (await Store.RefreshFromAlertsAsync(incident.Id, Editor, default)).Value!;
        Assert.Equal((0, 3), (again.Added, again.Known));
        var save = await Store.SaveAsync(new IncidentEdit(incident.Id, incident.Title, incident.Status, incident.Severity, "typed meanwhile", refresh.Incident.Version), Editor, default);
        Assert.Equal(StoreOutcome.Saved, save.Outcome);
        var audit = (await database.Audit.QueryAsync(new AuditQuery(Action: "incident.timeline.refresh", Subject: $"INC-{incident.Number}"), default)).Items;
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task Refresh_KeepsTheStoredChart_WhenPrometheusNoLongerHasItsStart()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-20);
        var incident = await StartFromAlertAsync(at, [], Chart(at, 0.5, 0.95, 0.97));
        database.Evidence.Next = new IncidentEvidence(null, null, [], Chart(at, double.NaN, double.NaN, 0.97, 0.4), []);

        var refresh = (await Store.RefreshFromAlertsAsync(incident.Id, Editor, default)).Value!;

        var read = await Store.FindAsync(incident.Id, default);
        Assert.False(refresh.ChartRetaken);
        Assert.Equal([0.5, 0.95, 0.97], read!.Chart!.Series[0].Values);
    }

    [Fact]
    public async Task Refresh_OfABlankIncident_SaysThereIsNothingToLookFor_AndOfAnUnknownOneIsNotFound()
    {
        database.Evidence.Next = IncidentEvidence.None;
        var blank = (await Store.StartAsync(new IncidentStart("blank", null, StarterIncidentTemplates.StatusUpdateKey, null, null), Editor, default)).Value!;

        var refused = await Store.RefreshFromAlertsAsync(blank.Id, Editor, default);
        var missing = await Store.RefreshFromAlertsAsync(Guid.NewGuid(), Editor, default);

        Assert.Equal(StoreOutcome.Invalid, refused.Outcome);
        Assert.Contains("without an alert or a rule", refused.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(StoreOutcome.NotFound, missing.Outcome);
    }

    [Fact]
    public async Task RemovingAnActionItem_DeletesItAlone_IsAudited_AndAnUnknownOneIsNotFound()
    {
        var incident = await StartFromAlertAsync(DateTimeOffset.UtcNow.AddMinutes(-5), [], null);
        var keep = (await Store.SaveActionAsync(incident.Id, new ActionItemEdit(null, "Alert on saturation", "bea", null, ActionItemStatus.Open, null), Editor, default)).Value!;
        var drop = (await Store.SaveActionAsync(incident.Id, new ActionItemEdit(null, "Duplicate", "bea", null, ActionItemStatus.Open, null), Editor, default)).Value!;

        var removed = await Store.RemoveActionAsync(incident.Id, drop.Id, Viewer, default);
        var again = await Store.RemoveActionAsync(incident.Id, drop.Id, Viewer, default);

        Assert.Equal(StoreOutcome.Saved, removed.Outcome);
        Assert.Equal(StoreOutcome.NotFound, again.Outcome);
        Assert.Equal([keep.Id], (await Store.FindAsync(incident.Id, default))!.Actions.Select(a => a.Id));
        Assert.DoesNotContain(await Store.OpenActionsAsync(200, default), a => a.Item.Id == drop.Id);
        var audit = Assert.Single((await database.Audit.QueryAsync(new AuditQuery(Action: "incident.action.remove", Subject: $"INC-{incident.Number}"), default)).Items);
        Assert.Contains("Duplicate", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoringARevision_MakesItsWriteupCurrentAsANewRevision_KeepsTheStatus_AndAStaleVersionIsAConflict()
    {
        var incident = await StartFromAlertAsync(DateTimeOffset.UtcNow.AddMinutes(-5), [], null);
        var second = (await Store.SaveAsync(new IncidentEdit(incident.Id, "Renamed", IncidentStatus.Identified, "SEV-1", "second body", incident.Version), Editor, default)).Value!;

        var stale = await Store.RestoreRevisionAsync(incident.Id, 1, incident.Version, Editor, default);
        var restored = await Store.RestoreRevisionAsync(incident.Id, 1, second.Version, Editor, default);
        var unknown = await Store.RestoreRevisionAsync(incident.Id, 99, restored.Value!.Version, Editor, default);

        Assert.Equal(StoreOutcome.Conflict, stale.Outcome);
        Assert.Equal(StoreOutcome.Saved, restored.Outcome);
        var now = restored.Value!;
        Assert.Equal((3, incident.Title, "SEV-2", incident.Body, IncidentStatus.Identified), (now.Revision, now.Title, now.Severity, now.Body, now.Status));
        Assert.Equal("Restored revision 1", (await Store.RevisionsAsync(incident.Id, default))[0].Reason);
        Assert.Equal(StoreOutcome.NotFound, unknown.Outcome);
        Assert.Contains("no revision 99", unknown.Errors.Single().Message, StringComparison.Ordinal);
    }
}
