using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;

namespace Portal.Tests.Integration.Incidents;

public class IncidentStoreTests(IncidentStoreDatabase database) : IClassFixture<IncidentStoreDatabase>
{
    private static readonly Caller Admin = As.Admin("alice");
    private static readonly Caller Viewer = Caller.Of("vic", [PortalRole.Viewer], []);
    private static readonly Caller Editor = Caller.Of("sam", [PortalRole.Editor], ["sre"]);
    private IIncidentStore Store => database.Store;

    private static readonly RuleFacts Rule = new(Guid.NewGuid(), 3, "HighCpu", "cpu_usage > 0.9", "cpu_usage", ">", 0.9,
        TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromSeconds(30), "sre", "https://runbooks.example/cpu");

    private async Task<IncidentDetail> StartAsync(IncidentStart start, Caller? caller = null)
    {
        database.Evidence.Next = IncidentEvidence.None;
        var result = await Store.StartAsync(start, caller ?? Admin, default);
        Assert.True(result.Outcome == StoreOutcome.Saved, string.Join("; ", result.Errors));
        return result.Value!;
    }

    private static IncidentStart Blank(string? title = null) => new(title, null, StarterIncidentTemplates.StatusUpdateKey, null, null);

    private static IncidentEdit Edit(IncidentDetail i, string? body = null, IncidentStatus? status = null) =>
        new(i.Id, i.Title, status ?? i.Status, i.Severity, body ?? i.Body, i.Version);

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action, string subject) =>
        (await database.Audit.QueryAsync(new AuditQuery(Action: action, Subject: subject), default)).Items;

    [Fact]
    public async Task ABlankIncident_IsUntitled_AtTheLeastGraveLevel_WithADetectedEntry_AndReadsBackAsStarted()
    {
        var started = await StartAsync(Blank(), Viewer);

        var read = await Store.FindAsync(started.Id, default);
        Assert.NotNull(read);
        Assert.Equal("Untitled incident", read.Title);
        Assert.Equal("SEV-3", read.Severity);
        Assert.Equal(IncidentStatus.Investigating, read.Status);
        Assert.Equal(1, read.Revision);
        Assert.True(read.Number > 0);
        var detected = Assert.Single(read.Timeline);
        Assert.Equal((TimelineKind.Detected, false, "vic"), (detected.Kind, detected.Automatic, detected.By));
        Assert.Equal(started.StartedAt, detected.At);
        Assert.Equal(started.Body, read.Body);
        Assert.Equal(started.Version, read.Version);
        Assert.Null(read.Rule);
        Assert.Single(await AuditAsync("incident.start", started.Id.ToString()));
    }

    [Fact]
    public async Task StartingFromAnAlert_KeepsTheRuleInForce_TheChart_AndTheAutomaticEntries_AndFillsTheTemplate()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var labels = new Dictionary<string, string> { ["alertname"] = "HighCpu", ["instance"] = "web-1:9100", ["severity"] = "critical" };
        var chart = new ChartSnapshot("cpu_usage", 1_000, 15_000, [new SnapshotSeries("{instance=\"web-1:9100\"}", [0.5, double.NaN, 0.95])], 0.9, ">", at);
        database.Evidence.Next = new IncidentEvidence(Rule, new AlertFacts("HighCpu", labels, 0.95, at), [
            new TimelineEntry(Guid.NewGuid(), at.AddMinutes(1), TimelineKind.AlertFiring, "HighCpu firing on web-1:9100", true, null),
        ], chart, []);

        var result = await Store.StartAsync(new IncidentStart(null, null, StarterIncidentTemplates.PostmortemKey, Rule.RuleId, labels, at), Editor, default);

        Assert.Equal(StoreOutcome.Saved, result.Outcome);
        var read = (await Store.FindAsync(result.Value!.Id, default))!;
        Assert.Equal("HighCpu on web-1:9100", read.Title);
        Assert.Equal("SEV-1", read.Severity);
        Assert.Equal("sre", read.Team);
        Assert.Equal(Rule, read.Rule);
        Assert.Equal(0.9, read.Rule!.Threshold);
        Assert.Equal("HighCpu", read.Alert!.Name);
        Assert.Equal("web-1:9100", read.Alert.Labels["instance"]);
        Assert.Contains("HighCpu", read.Body);
        Assert.Contains("cpu_usage > 0.9", read.Body);
        Assert.DoesNotContain("{{", read.Body);
        Assert.Equal([TimelineKind.Detected, TimelineKind.AlertFiring], read.Timeline.Select(t => t.Kind));
        Assert.True(read.Timeline[1].Automatic);
        Assert.Equal([0.5, double.NaN, 0.95], read.Chart!.Series[0].Values);
        Assert.Equal((0.9, ">", 15_000L), (read.Chart.Threshold, read.Chart.Operator, read.Chart.StepMs));
        var listed = (await Store.ListAsync(new IncidentQuery(Text: "HighCpu"), default)).Items;
        Assert.Contains(listed, i => i.Id == read.Id && i.AlertName == "HighCpu");
    }

    [Fact]
    public async Task EvidenceWithCharactersPostgreSqlRefuses_IsStoredWithReplacements_NotRefused()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "Odd", ["instance"] = "a\0b" };
        database.Evidence.Next = new IncidentEvidence(null, new AlertFacts("Odd", labels, null, null),
            [new TimelineEntry(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-1), TimelineKind.AlertFiring, "Odd firing on a\0b", true, null)], null, []);

        var result = await Store.StartAsync(new IncidentStart("Odd labels", null, StarterIncidentTemplates.StatusUpdateKey, null, new Dictionary<string, string> { ["alertname"] = "Odd" }), Admin, default);

        Assert.Equal(StoreOutcome.Saved, result.Outcome);
        var read = (await Store.FindAsync(result.Value!.Id, default))!;
        Assert.Equal("a\uFFFDb", read.Alert!.Labels["instance"]);
        Assert.Equal("Odd firing on a\uFFFDb", read.Timeline.Single(t => t.Automatic).Text);
    }

    [Fact]
    public async Task Start_RefusesWhatCannotBe_NamingTheField_AndWritesNothing()
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        var before = await db.Incidents.CountAsync();
        var tooMany = Enumerable.Range(0, IncidentBounds.MaxLabels + 1).ToDictionary(i => $"l{i}", i => "v");

        var badTemplate = await Store.StartAsync(Blank() with { TemplateKey = "no-such-template" }, Admin, default);
        var badSeverity = await Store.StartAsync(Blank() with { Severity = "SEV-9" }, Admin, default);
        var longTitle = await Store.StartAsync(Blank(new string('t', IncidentBounds.MaxTitle + 1)), Admin, default);
        var labels = await Store.StartAsync(Blank() with { AlertLabels = tooMany }, Admin, default);
        var longValue = await Store.StartAsync(Blank() with { AlertLabels = new Dictionary<string, string> { ["alertname"] = new('x', 1025) } }, Admin, default);
        var ancient = await Store.StartAsync(Blank() with { StartedAt = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) }, Admin, default);

        Assert.Equal("template", Assert.Single(badTemplate.Errors).Field);
        Assert.Equal("severity", Assert.Single(badSeverity.Errors).Field);
        Assert.Equal("title", Assert.Single(longTitle.Errors).Field);
        Assert.Equal("alert", Assert.Single(labels.Errors).Field);
        Assert.Equal("alert.alertname", Assert.Single(longValue.Errors).Field);
        Assert.Equal("startedAt", Assert.Single(ancient.Errors).Field);
        Assert.All([badTemplate, badSeverity, longTitle, labels, longValue, ancient], r => Assert.Equal(StoreOutcome.Invalid, r.Outcome));
        Assert.Equal(before, await db.Incidents.CountAsync());
    }

    [Fact]
    public async Task Save_WritesARevisionPerChange_NoneWhenNothingChanged_AndAStaleVersionIsAConflict()
    {
        var started = await StartAsync(Blank("Checkout slow"));

        var same = await Store.SaveAsync(Edit(started), Admin, default);
        var changed = await Store.SaveAsync(Edit(started, body: "We know why.", status: IncidentStatus.Identified) with { Reason = "cause found" }, As.Admin("bob"), default);
        var stale = await Store.SaveAsync(Edit(started, body: "mine"), Admin, default);

        Assert.Equal(StoreOutcome.Unchanged, same.Outcome);
        Assert.Equal(StoreOutcome.Saved, changed.Outcome);
        Assert.Equal(StoreOutcome.Conflict, stale.Outcome);
        Assert.Equal("version", Assert.Single(stale.Errors).Field);
        var read = (await Store.FindAsync(started.Id, default))!;
        Assert.Equal(("We know why.", IncidentStatus.Identified, 2), (read.Body, read.Status, read.Revision));
        var revisions = await Store.RevisionsAsync(started.Id, default);
        Assert.Equal([2, 1], revisions.Select(r => r.Number));
        Assert.Equal(("bob", "cause found"), (revisions[0].By, revisions[0].Reason));
        Assert.Equal(started.Body, (await Store.RevisionAsync(started.Id, 1, default))!.Body);
        Assert.Single(await AuditAsync("incident.update", $"INC-{started.Number}"));
    }

    [Fact]
    public async Task Resolving_SetsResolvedAt_AndAddsAResolvedEntryOnce_AndReopeningClearsIt()
    {
        var started = await StartAsync(Blank("Queue backlog"));

        var resolved = (await Store.SaveAsync(Edit(started, status: IncidentStatus.Resolved), Admin, default)).Value!;
        var reopened = (await Store.SaveAsync(Edit(resolved, status: IncidentStatus.Monitoring), Admin, default)).Value!;
        var again = (await Store.SaveAsync(Edit(reopened, status: IncidentStatus.Resolved), Admin, default)).Value!;

        Assert.NotNull(resolved.ResolvedAt);
        Assert.Null(reopened.ResolvedAt);
        Assert.NotNull(again.ResolvedAt);
        Assert.Single(again.Timeline, t => t.Kind == TimelineKind.Resolved);
    }

    [Fact]
    public async Task TimelineAndActions_AreAppendedWithoutAVersion_BoundedAndChecked_AndDoNotMakeTheHeaderStale()
    {
        var started = await StartAsync(Blank("Disk full") with { StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10) });
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).AddTicks(3);

        var ack = await Store.AddTimelineAsync(started.Id, new TimelineEdit(TimelineKind.Acknowledged, "On it.", at), Editor, default);
        var automatic = await Store.AddTimelineAsync(started.Id, new TimelineEdit(TimelineKind.AlertFiring, "pretend"), Editor, default);
        var future = await Store.AddTimelineAsync(started.Id, new TimelineEdit(TimelineKind.Note, "later", DateTimeOffset.UtcNow.AddDays(2)), Editor, default);
        var action = await Store.SaveActionAsync(started.Id, new ActionItemEdit(null, "Alert at 80 %", "sam", new DateOnly(2030, 1, 1), ActionItemStatus.Open, "/rules/x"), Editor, default);
        var badLink = await Store.SaveActionAsync(started.Id, new ActionItemEdit(null, "x", null, null, ActionItemStatus.Open, "javascript:alert(1)"), Editor, default);
        var header = await Store.SaveAsync(Edit(started, body: "Still editable."), Admin, default);

        Assert.Equal(StoreOutcome.Saved, ack.Outcome);
        Assert.Equal(at.AddTicks(-(at.Ticks % 10)), ack.Value!.At);
        Assert.Equal("kind", Assert.Single(automatic.Errors).Field);
        Assert.Equal("at", Assert.Single(future.Errors).Field);
        Assert.Equal(StoreOutcome.Saved, action.Outcome);
        Assert.Equal("link", Assert.Single(badLink.Errors).Field);
        Assert.Equal(StoreOutcome.Saved, header.Outcome);
        var read = (await Store.FindAsync(started.Id, default))!;
        Assert.Equal([TimelineKind.Detected, TimelineKind.Acknowledged], read.Timeline.Select(t => t.Kind));
        Assert.Equal("Alert at 80 %", Assert.Single(read.Actions).Text);

        var done = await Store.SaveActionAsync(started.Id, new ActionItemEdit(action.Value!.Id, "Alert at 80 %", "sam", new DateOnly(2030, 1, 1), ActionItemStatus.Done, "/rules/x"), Editor, default);
        Assert.Equal(ActionItemStatus.Done, done.Value!.Status);
        Assert.Equal(0, (await Store.ListAsync(new IncidentQuery(Text: "\"Disk full\""), default)).Items.Single(i => i.Id == started.Id).OpenActions);

        var removed = await Store.RemoveTimelineAsync(started.Id, ack.Value.Id, Editor, default);
        Assert.True(removed.Value);
        Assert.Single((await Store.FindAsync(started.Id, default))!.Timeline);
        Assert.Single(await AuditAsync("incident.timeline.remove", $"INC-{started.Number}"));
    }

    [Fact]
    public async Task TemplatesAndSeverityLevels_AreAdmins_ARefusalIsForbiddenAndAudited_AndChangesNothing()
    {
        var template = new IncidentTemplate("editor-try", "Editor's", "", "# {{alert.name}}");
        var levels = new[] { new SeverityLevel("P1", "Everything", TimeSpan.FromMinutes(1), ["critical"], 1) };

        var templateResult = await Store.SaveTemplateAsync(template, Editor, default);
        var levelsResult = await Store.SaveSeverityLevelsAsync(levels, Editor, default);

        Assert.Equal(StoreOutcome.Forbidden, templateResult.Outcome);
        Assert.Equal(StoreOutcome.Forbidden, levelsResult.Outcome);
        Assert.Single(await AuditAsync("denied.incident-template.save", "editor-try"));
        Assert.NotEmpty((await database.Audit.QueryAsync(new AuditQuery(Action: "denied.severity-levels.save"), default)).Items);
        Assert.DoesNotContain(await Store.TemplatesAsync(default), t => t.Key == "editor-try");
        Assert.Equal(["SEV-1", "SEV-2", "SEV-3"], (await Store.SeverityLevelsAsync(default)).Select(l => l.Name));
    }

    [Fact]
    public async Task ATemplate_IsValidatedOnSave_NamingTheUnknownPlaceholder_AndAnAdminsTemplateIsUsed()
    {
        var bad = await Store.SaveTemplateAsync(new IncidentTemplate("typo", "Typo", "", "line one\n{{alert.nmae}}"), Admin, default);
        var good = await Store.SaveTemplateAsync(new IncidentTemplate("short", "Short", "Two lines", "# {{severity}}\n{{alert.name}}"), Admin, default);
        var again = await Store.SaveTemplateAsync(new IncidentTemplate("short", "Short", "Two lines", "# {{severity}}\n{{alert.name}}"), Admin, default);

        Assert.Equal(StoreOutcome.Invalid, bad.Outcome);
        Assert.Contains(bad.Errors, e => e.Message.Contains("alert.nmae", StringComparison.Ordinal) && e.Position?.Line == 2);
        Assert.Equal(StoreOutcome.Saved, good.Outcome);
        Assert.Equal(StoreOutcome.Unchanged, again.Outcome);
        var started = await StartAsync(new IncidentStart("Short one", "SEV-2", "short", null, null));
        Assert.StartsWith("# SEV-2", started.Body);
    }

    [Fact]
    public async Task ATemplateThatFillsBeyondTheWriteupLimit_IsCutThere_WithoutSplittingACharacter()
    {
        var saved = await Store.SaveTemplateAsync(new IncidentTemplate("expands", "Expands", "", string.Concat(Enumerable.Repeat("{{alert.labels.x}}", 5_000))), Admin, default);
        Assert.Equal(StoreOutcome.Saved, saved.Outcome);
        var labels = new Dictionary<string, string> { ["alertname"] = "Wide", ["x"] = string.Concat(Enumerable.Repeat("\U0001F525", 512)) };

        var started = await StartAsync(new IncidentStart(null, null, "expands", null, labels));

        Assert.InRange(started.Body.Length, IncidentBounds.MaxBody - 200, IncidentBounds.MaxBody);
        Assert.True(Portal.Domain.Catalog.StorableText.IsStorable(started.Body));
        Assert.EndsWith("than an incident's writeup may be)", started.Body);
    }

    [Fact]
    public async Task OpenActions_ListOverdueFirst_ThenByDueDate_ThenUndated_AndLeaveClosedOnesOut()
    {
        var started = await StartAsync(Blank("Actions"));
        async Task<Guid> Add(string text, DateOnly? due, ActionItemStatus status = ActionItemStatus.Open) =>
            (await Store.SaveActionAsync(started.Id, new ActionItemEdit(null, text, null, due, status, null), Admin, default)).Value!.Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var undated = await Add("undated", null);
        var later = await Add("later", today.AddDays(30));
        var overdue = await Add("overdue", today.AddDays(-3));
        var oldest = await Add("oldest", today.AddDays(-40), ActionItemStatus.InProgress);
        var done = await Add("done", today.AddDays(-50), ActionItemStatus.Done);

        var open = (await Store.OpenActionsAsync(1000, default)).Where(o => o.IncidentId == started.Id).Select(o => o.Item.Id).ToList();

        Assert.Equal([oldest, overdue, later, undated], open);
        Assert.DoesNotContain(done, open);
        Assert.True((await Store.OpenActionsAsync(1000, default)).First(o => o.Item.Id == oldest).Item.IsOverdue(today));
    }

    [Fact]
    public async Task List_FiltersByStatusSeverityTeamAndTime_SearchesTitleAndWriteup_AndPagesNewestFirst()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var t0 = DateTimeOffset.UtcNow.AddDays(-10);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await StartAsync(new IncidentStart($"Batch {word} {i}", i % 2 == 0 ? "SEV-1" : "SEV-2", StarterIncidentTemplates.StatusUpdateKey, null,
                null, t0.AddHours(i)))).Id);
        }

        var inBody = await StartAsync(Blank("Other title") with { StartedAt = t0.AddHours(10) });
        await Store.SaveAsync(Edit(inBody, body: $"The cause was {word} after all.", status: IncidentStatus.Resolved), Admin, default);

        var all = await Store.ListAsync(new IncidentQuery(Text: word, PageSize: 2), default);
        var page3 = await Store.ListAsync(new IncidentQuery(Text: word, PageSize: 2, Page: 3), default);
        var sev1 = await Store.ListAsync(new IncidentQuery(Text: word, Severity: "SEV-1"), default);
        var resolved = await Store.ListAsync(new IncidentQuery(Text: word, Status: IncidentStatus.Resolved), default);
        var window = await Store.ListAsync(new IncidentQuery(Text: word, Since: t0.AddHours(1), Until: t0.AddHours(3)), default);
        var team = await Store.ListAsync(new IncidentQuery(Text: word, Team: "nobody"), default);

        Assert.Equal(6, all.Total);
        Assert.Equal([inBody.Id, ids[4]], all.Items.Select(i => i.Id));
        Assert.Equal([ids[1], ids[0]], page3.Items.Select(i => i.Id));
        Assert.Equal([ids[4], ids[2], ids[0]], sev1.Items.Select(i => i.Id));
        Assert.Equal(inBody.Id, Assert.Single(resolved.Items).Id);
        Assert.Equal([ids[2], ids[1]], window.Items.Select(i => i.Id));
        Assert.Equal(0, team.Total);
    }
}

/// <summary>The starter set on a database nobody has read yet: in its own database, since the class's is seeded by then.</summary>
public class IncidentStarterDataTests
{
    [Fact]
    public async Task ConcurrentFirstReads_SeeTheStarterLevelsAndTemplates_Once()
    {
        var database = new IncidentStoreDatabase();
        await database.InitializeAsync();
        try
        {
            var stores = Enumerable.Range(0, 8).Select(_ => database.NewStore()).ToList();
            var levels = await Task.WhenAll(stores.Select(s => s.SeverityLevelsAsync(default)));
            var templates = await Task.WhenAll(stores.Select(s => s.TemplatesAsync(default)));

            Assert.All(levels, l => Assert.Equal(["SEV-1", "SEV-2", "SEV-3"], l.Select(x => x.Name)));
            Assert.All(templates, t => Assert.Equal(
                StarterIncidentTemplates.All.Select(x => x.Key).Order(), t.Select(x => x.Key).Order()));
            await using var db = await database.Contexts.CreateDbContextAsync();
            Assert.Equal(3, await db.SeverityLevels.CountAsync());
            Assert.Equal(StarterIncidentTemplates.All.Count, await db.IncidentTemplates.CountAsync());
            Assert.Equal(TimeSpan.FromMinutes(15), levels[0][1].ExpectedResponse);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task SavingLevels_ReplacesTheWholeSet_AndAnInvalidSetChangesNothing()
    {
        var database = new IncidentStoreDatabase();
        await database.InitializeAsync();
        try
        {
            var store = database.Store;
            var admin = As.Admin("alice");
            var invalid = await store.SaveSeverityLevelsAsync(
                [new SeverityLevel("P1", "a", TimeSpan.FromMinutes(5), ["critical"], 1), new SeverityLevel("P1", "b", TimeSpan.FromMinutes(5), [], 2)], admin, default);
            var saved = await store.SaveSeverityLevelsAsync(
                [new SeverityLevel("P1", "Down", TimeSpan.FromMinutes(5), ["critical", "page"], 1), new SeverityLevel("P2", "Degraded", TimeSpan.FromHours(1), ["warning"], 2)], admin, default);

            Assert.Equal(StoreOutcome.Invalid, invalid.Outcome);
            Assert.Equal(StoreOutcome.Saved, saved.Outcome);
            var levels = await store.SeverityLevelsAsync(default);
            Assert.Equal(["P1", "P2"], levels.Select(l => l.Name));
            Assert.Equal(["critical", "page"], levels[0].LabelValues);
            var started = await store.StartAsync(new IncidentStart(null, null, StarterIncidentTemplates.StatusUpdateKey, null,
                new Dictionary<string, string> { ["alertname"] = "Paged", ["severity"] = "page", ["job"] = "api" }), admin, default);
            Assert.Equal(("P1", "Paged on api"), (started.Value!.Severity, started.Value.Title));
            Assert.Single((await database.Audit.QueryAsync(new AuditQuery(Action: "severity-levels.save"), default)).Items);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
