using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Integration.Runbooks;

public class RunbookStoreTests(RunbookDatabase database) : IClassFixture<RunbookDatabase>
{
    private static readonly Caller Admin = As.Admin("alice");
    private static readonly Caller SreEditor = Caller.Of("sam", [PortalRole.Editor], ["sre"]);
    private static readonly Caller PayEditor = Caller.Of("pat", [PortalRole.Editor], ["pay"]);
    private IRunbookStore Store => database.Store;

    /// <summary>A slug no other test of the class uses.</summary>
    private static string Slug(string stem) => $"{stem}-{Guid.NewGuid():N}"[..Math.Min(stem.Length + 9, 80)];

    private static RunbookEdit New(string slug, string title = "Title", string body = "# Body", string team = "sre", string[]? tags = null) =>
        new(null, slug, title, tags ?? ["ops"], team, body, 90, null);

    private async Task<RunbookDetail> CreateAsync(RunbookEdit edit, Caller? caller = null)
    {
        var result = await Store.SaveAsync(edit, caller ?? Admin, default);
        Assert.True(result.Outcome == StoreOutcome.Saved, string.Join("; ", result.Errors));
        return result.Value!;
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action, string subject) =>
        (await database.Audit.QueryAsync(new AuditQuery(Action: action, Subject: subject), default)).Items;

    [Fact]
    public async Task Save_WritesARevisionOnEveryContentChange_AndNoneWhenNothingChanged()
    {
        var slug = Slug("revisions");
        var created = await CreateAsync(New(slug, body: "first"));

        var same = await Store.SaveAsync(New(slug, body: "first") with { OriginalSlug = slug, Version = created.Version }, Admin, default);
        var changed = await Store.SaveAsync(New(slug, body: "second") with { OriginalSlug = slug, Version = created.Version, Reason = "clearer" }, As.Admin("bob"), default);

        Assert.Equal(StoreOutcome.Unchanged, same.Outcome);
        Assert.Equal(StoreOutcome.Saved, changed.Outcome);
        Assert.Equal(2, changed.Value!.Revision);
        var revisions = await Store.RevisionsAsync(slug, default);
        Assert.Equal([2, 1], revisions.Select(r => r.Number));
        Assert.Equal(("bob", "clearer"), (revisions[0].By, revisions[0].Reason));
        Assert.Equal("first", (await Store.RevisionAsync(slug, 1, default))!.Body);
        Assert.Single(await AuditAsync("runbook.update", slug));
    }

    [Fact]
    public async Task Save_WithAStaleVersion_IsAConflict_AndOverwritesNothing()
    {
        var slug = Slug("conflict");
        var created = await CreateAsync(New(slug, body: "original"));
        var first = await Store.SaveAsync(New(slug, body: "bob's") with { OriginalSlug = slug, Version = created.Version }, As.Admin("bob"), default);

        var second = await Store.SaveAsync(New(slug, body: "carol's") with { OriginalSlug = slug, Version = created.Version }, As.Admin("carol"), default);

        Assert.Equal(StoreOutcome.Saved, first.Outcome);
        Assert.Equal(StoreOutcome.Conflict, second.Outcome);
        Assert.Equal("version", Assert.Single(second.Errors).Field);
        Assert.Equal("bob's", (await Store.FindAsync(slug, default)).Runbook!.Body);
    }

    [Fact]
    public async Task TwoEditorsFromTheSameVersion_ExactlyOneWins()
    {
        var slug = Slug("race");
        var created = await CreateAsync(New(slug));

        var results = await Task.WhenAll(
            Store.SaveAsync(New(slug, body: "a") with { OriginalSlug = slug, Version = created.Version }, As.Admin("a"), default),
            Store.SaveAsync(New(slug, body: "b") with { OriginalSlug = slug, Version = created.Version }, As.Admin("b"), default));

        Assert.Single(results, r => r.Outcome == StoreOutcome.Saved);
        Assert.Single(results, r => r.Outcome == StoreOutcome.Conflict);
        Assert.Equal(2, (await Store.RevisionsAsync(slug, default)).Count);
    }

    [Fact]
    public async Task Restore_MakesAnOldRevisionCurrent_AsANewRevision()
    {
        var slug = Slug("restore");
        var created = await CreateAsync(New(slug, title: "Old title", body: "old body"));
        var edited = (await Store.SaveAsync(New(slug, title: "New title", body: "new body") with { OriginalSlug = slug, Version = created.Version }, Admin, default)).Value!;

        var restored = await Store.RestoreAsync(slug, 1, edited.Version, Admin, default);

        Assert.Equal(StoreOutcome.Saved, restored.Outcome);
        Assert.Equal((3, "Old title", "old body"), (restored.Value!.Revision, restored.Value.Title, restored.Value.Body));
        var newest = (await Store.RevisionsAsync(slug, default))[0];
        Assert.Equal((3, "restored revision 1"), (newest.Number, newest.Reason));
        // Restoring what is already current changes nothing and writes no revision.
        Assert.Equal(StoreOutcome.Unchanged, (await Store.RestoreAsync(slug, 3, restored.Value.Version, Admin, default)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, (await Store.RestoreAsync(slug, 9, restored.Value.Version, Admin, default)).Outcome);
    }

    [Fact]
    public async Task Rename_KeepsARedirect_FromEveryOldSlug()
    {
        var first = Slug("first");
        var second = Slug("second");
        var third = Slug("third");
        var created = await CreateAsync(New(first));
        var renamed = (await Store.SaveAsync(New(second) with { OriginalSlug = first, Version = created.Version }, Admin, default)).Value!;
        await Store.SaveAsync(New(third) with { OriginalSlug = second, Version = renamed.Version }, Admin, default);

        Assert.Equal((null, third), ((await Store.FindAsync(first, default)).Runbook, (await Store.FindAsync(first, default)).RedirectTo));
        Assert.Equal(third, (await Store.FindAsync(second, default)).RedirectTo);
        Assert.Equal(third, (await Store.FindAsync(third, default)).Runbook!.Slug);
        Assert.Equal([third, second, first], (await Store.RevisionsAsync(first, default)).Select(r => r.Slug));
        Assert.Equal(new RunbookLookup(null, null), await Store.FindAsync(Slug("never"), default));
    }

    [Fact]
    public async Task NewRunbook_UnderAnOldSlug_TakesTheSlugOver()
    {
        var old = Slug("taken-over");
        var created = await CreateAsync(New(old));
        var moved = Slug("moved");
        await Store.SaveAsync(New(moved) with { OriginalSlug = old, Version = created.Version }, Admin, default);

        var newcomer = await CreateAsync(New(old, title: "Newcomer"));

        Assert.Equal("Newcomer", (await Store.FindAsync(old, default)).Runbook!.Title);
        Assert.Equal(newcomer.Id, (await Store.FindAsync(old, default)).Runbook!.Id);
        Assert.Equal(moved, (await Store.FindAsync(moved, default)).Runbook!.Slug);
    }

    [Fact]
    public async Task Create_WithASlugInUse_IsInvalid_NamingTheHolder()
    {
        var slug = Slug("dup");
        await CreateAsync(New(slug, title: "Holder"));

        var again = await Store.SaveAsync(New(slug, title: "Second"), Admin, default);

        Assert.Equal(StoreOutcome.Invalid, again.Outcome);
        var error = Assert.Single(again.Errors);
        Assert.Equal("slug", error.Field);
        Assert.Contains("Holder", error.Message);
    }

    [Fact]
    public async Task Save_ForAnotherTeam_IsForbidden_AndTheRefusalIsAudited()
    {
        var slug = Slug("rights");
        var refused = await Store.SaveAsync(New(slug, team: "sre"), PayEditor, default);
        var allowed = await Store.SaveAsync(New(slug, team: "sre"), SreEditor, default);
        var handOver = await Store.SaveAsync(New(slug, team: "pay") with { OriginalSlug = slug, Version = allowed.Value!.Version }, SreEditor, default);

        Assert.Equal(StoreOutcome.Forbidden, refused.Outcome);
        Assert.Contains("sre", Assert.Single(refused.Errors).Message);
        Assert.Equal(StoreOutcome.Saved, allowed.Outcome);
        Assert.Equal(StoreOutcome.Forbidden, handOver.Outcome);
        Assert.Equal("pat", Assert.Single(await AuditAsync("denied.runbook.create", slug)).Actor);
        Assert.Single(await AuditAsync("denied.runbook.update", slug));
        Assert.Single(await AuditAsync("runbook.create", slug));
        Assert.Equal("sre", (await Store.FindAsync(slug, default)).Runbook!.Team);
    }

    [Fact]
    public async Task Viewers_DeleteNothing_Editors_OfTheTeamDo()
    {
        var slug = Slug("delete");
        var created = await CreateAsync(New(slug));
        var viewer = Caller.Of("vic", [PortalRole.Viewer], ["sre"]);

        Assert.Equal(StoreOutcome.Forbidden, (await Store.DeleteAsync(slug, created.Version, viewer, default)).Outcome);
        Assert.Equal(StoreOutcome.Conflict, (await Store.DeleteAsync(slug, created.Version + 1, SreEditor, default)).Outcome);
        Assert.Equal(StoreOutcome.Saved, (await Store.DeleteAsync(slug, created.Version, SreEditor, default)).Outcome);

        Assert.Null((await Store.FindAsync(slug, default)).Runbook);
        Assert.DoesNotContain(await Store.ListAsync(default), r => r.Slug == slug);
        Assert.Single(await AuditAsync("denied.runbook.delete", slug));
        // The slug is free again.
        await CreateAsync(New(slug));
    }

    [Fact]
    public async Task Save_OfAnUnknownTeam_IsInvalid() =>
        Assert.Equal("team", Assert.Single((await Store.SaveAsync(New(Slug("noteam"), team: "nobody"), Admin, default)).Errors).Field);

    [Fact]
    public async Task Save_OfABodyOver1MB_IsInvalid_AndWritesNothing()
    {
        var slug = Slug("huge");
        var result = await Store.SaveAsync(New(slug, body: new string('x', RunbookLimits.MaxBodyBytes + 1)), Admin, default);

        Assert.Equal(StoreOutcome.Invalid, result.Outcome);
        Assert.Equal("body", Assert.Single(result.Errors).Field);
        Assert.Null((await Store.FindAsync(slug, default)).Runbook);
    }

    [Fact]
    public async Task Save_OfABodyOfDistinctWordsTooManyToIndex_IsInvalid_NotAnError()
    {
        // Under 1 MB, yet its search vector would pass PostgreSQL's 1 MB limit for one.
        var body = string.Join(' ', Enumerable.Range(0, 140_000).Select(i => "x" + Base36(i)));
        Assert.Empty(RunbookLimits.CheckBody(body));

        var result = await Store.SaveAsync(New(Slug("words"), body: body), Admin, default);

        Assert.Equal(StoreOutcome.Invalid, result.Outcome);
        Assert.Equal("body", Assert.Single(result.Errors).Field);
    }

    private static string Base36(int n)
    {
        var digits = new char[5];
        for (var i = 4; i >= 0; i--, n /= 36)
        {
            digits[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36];
        }

        return new string(digits);
    }

    [Fact]
    public async Task MarkReviewed_RecordsWhoAndWhen_WithoutARevision()
    {
        var slug = Slug("review");
        await CreateAsync(New(slug), SreEditor);

        var reviewed = await Store.MarkReviewedAsync(slug, SreEditor, default);

        Assert.Equal(StoreOutcome.Saved, reviewed.Outcome);
        Assert.Equal("sam", reviewed.Value!.LastReviewedBy);
        Assert.NotNull(reviewed.Value.LastReviewedAt);
        Assert.Single(await Store.RevisionsAsync(slug, default));
        var summary = Assert.Single(await Store.ListAsync(default), r => r.Slug == slug);
        Assert.Equal(reviewed.Value.LastReviewedAt!.Value.AddDays(90), summary.ReviewDue);
        Assert.Equal(StoreOutcome.Forbidden, (await Store.MarkReviewedAsync(slug, PayEditor, default)).Outcome);
    }

    [Fact]
    public async Task Import_IsAllOrNothing_AndNamesTheItemAtFault()
    {
        var existing = Slug("exists");
        await CreateAsync(New(existing));
        var a = Slug("import-a");
        var b = Slug("import-b");

        var clash = await Store.ImportAsync([New(a), New(b), New(existing)], Admin, default);
        var twice = await Store.ImportAsync([New(a), New(a, title: "Again")], Admin, default);
        var badTag = await Store.ImportAsync([New(a), New(b, tags: ["Has Space"])], Admin, default);

        Assert.Equal(StoreOutcome.Invalid, clash.Outcome);
        var error = Assert.Single(clash.Errors);
        Assert.Equal("runbooks[2].slug", error.Field);
        Assert.StartsWith($"Runbook 3 ({existing})", error.Message);
        Assert.Equal("runbooks[1].slug", Assert.Single(twice.Errors).Field);
        Assert.Equal("runbooks[1].tags[0]", Assert.Single(badTag.Errors).Field);
        Assert.Null((await Store.FindAsync(a, default)).Runbook);
        Assert.Null((await Store.FindAsync(b, default)).Runbook);

        var good = await Store.ImportAsync([New(a), New(b)], Admin, default);
        Assert.Equal(StoreOutcome.Saved, good.Outcome);
        Assert.Equal("imported", Assert.Single(await Store.RevisionsAsync(b, default)).Reason);
    }

    [Fact]
    public async Task Import_IntoATeamTheCallerIsNotIn_IsForbiddenWhole_AndAudited()
    {
        var a = Slug("mine");
        var result = await Store.ImportAsync([New(a, team: "sre"), New(Slug("theirs"), team: "pay")], SreEditor, default);

        Assert.Equal(StoreOutcome.Forbidden, result.Outcome);
        Assert.Null((await Store.FindAsync(a, default)).Runbook);
        Assert.NotEmpty(await AuditAsync("denied.runbook.import", "2 runbooks"));
    }

    [Fact]
    public async Task Templates_AreSeededWhenNone_AndOnlyAdminsChangeThem()
    {
        var templates = await Store.TemplatesAsync(default);
        Assert.Equal(RunbookTemplates.DefaultName, templates[0].Name);
        Assert.Equal(RunbookTemplates.OnCall.Body, templates[0].Body);

        var refused = await Store.SaveTemplateAsync(new RunbookTemplate("ours", "Ours", "# Ours"), SreEditor, default);
        var saved = await Store.SaveTemplateAsync(new RunbookTemplate("ours", "Ours", "# Ours"), Admin, default);

        Assert.Equal(StoreOutcome.Forbidden, refused.Outcome);
        Assert.Single(await AuditAsync("denied.runbook-template.save", "ours"));
        Assert.Equal(StoreOutcome.Saved, saved.Outcome);
        Assert.Contains(await Store.TemplatesAsync(default), t => t.Name == "ours" && t.UpdatedBy == "alice");
        Assert.Equal("name", Assert.Single((await Store.SaveTemplateAsync(new RunbookTemplate("Bad Name", "", ""), Admin, default)).Errors).Field);
    }

    private async Task<Guid> NewAlertAsync(string name, string team = "sre")
    {
        var ns = (await database.Rules.CreateNamespaceAsync("ns-" + Guid.NewGuid().ToString("N")[..8], team, Admin, default)).Value!;
        var group = (await database.Rules.SaveGroupAsync(new GroupEdit(null, ns.Id, "g", PromDuration.Parse("30s"), null, 0), Admin, default)).Value!;
        var content = new RuleContent(RuleKind.Alerting, name, "up == 0", PromDuration.Parse("5m"), null,
            LabelMap.From(new Dictionary<string, string> { ["severity"] = "page" }), LabelMap.From(new Dictionary<string, string>()));
        return (await database.Rules.SaveAsync(new RuleEdit(null, group.Id, content, 0), Admin, default)).Value!.Id;
    }

    [Fact]
    public async Task LinkRule_NeedsTheRulesTeamsRights_IsAudited_AndShowsOnBothSides()
    {
        var slug = Slug("linked");
        await CreateAsync(New(slug));
        var rule = await NewAlertAsync("LinkedAlert" + Guid.NewGuid().ToString("N")[..6], team: "pay");

        var refused = await Store.LinkRuleAsync(rule, slug, SreEditor, default);
        var linked = await Store.LinkRuleAsync(rule, slug, PayEditor, default);
        var again = await Store.LinkRuleAsync(rule, slug, PayEditor, default);

        Assert.Equal(StoreOutcome.Forbidden, refused.Outcome);
        Assert.Equal(StoreOutcome.Saved, linked.Outcome);
        Assert.Equal(StoreOutcome.Unchanged, again.Outcome);
        Assert.Equal(rule, Assert.Single(await Store.LinkedRulesAsync(slug, default)).RuleId);
        Assert.Equal(slug, (await Store.RuleLinksAsync(default))[rule]);
        Assert.Equal(1, Assert.Single(await Store.ListAsync(default), r => r.Slug == slug).LinkedRules);
        var audit = await database.Audit.QueryAsync(new AuditQuery(Action: "rule.runbook"), default);
        Assert.Contains(audit.Items, e => e.Actor == "pat" && e.Detail!.Contains(slug));
        Assert.NotEmpty((await database.Audit.QueryAsync(new AuditQuery(Action: "denied.rule.runbook", Actor: "sam"), default)).Items);

        Assert.Equal(StoreOutcome.Saved, (await Store.LinkRuleAsync(rule, null, PayEditor, default)).Outcome);
        Assert.Empty(await Store.LinkedRulesAsync(slug, default));
        Assert.Equal(StoreOutcome.NotFound, (await Store.LinkRuleAsync(rule, Slug("missing"), PayEditor, default)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, (await Store.LinkRuleAsync(Guid.NewGuid(), slug, PayEditor, default)).Outcome);
    }

    [Fact]
    public async Task Delete_UnlinksTheRules()
    {
        var slug = Slug("gone");
        var created = await CreateAsync(New(slug));
        var rule = await NewAlertAsync("GoneAlert" + Guid.NewGuid().ToString("N")[..6]);
        await Store.LinkRuleAsync(rule, slug, Admin, default);

        await Store.DeleteAsync(slug, created.Version, Admin, default);

        Assert.False((await Store.RuleLinksAsync(default)).ContainsKey(rule));
    }
}
