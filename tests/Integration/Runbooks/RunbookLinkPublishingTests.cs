using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Integration.Runbooks;

/// <summary>A rule linked to a runbook: what publishing writes as its runbook_url, what lint says, and what runbook health sees.</summary>
public class RunbookLinkPublishingTests(RunbookDatabase database) : IClassFixture<RunbookDatabase>
{
    private const string PublicUrl = "https://alerts.example.org/";
    private static readonly Caller Admin = As.Admin("alice");

    private async Task<(string Namespace, Guid Linked, Guid OwnUrl, Guid Plain)> CatalogAsync(string slug)
    {
        var ns = (await database.Rules.CreateNamespaceAsync("rb-" + Guid.NewGuid().ToString("N")[..8], "sre", Admin, default)).Value!;
        var group = (await database.Rules.SaveGroupAsync(new GroupEdit(null, ns.Id, "g", PromDuration.Parse("30s"), null, 0), Admin, default)).Value!;
        async Task<Guid> AlertAsync(string name, string? runbookUrl)
        {
            var annotations = runbookUrl is null ? LabelMap.Empty : LabelMap.Of(("runbook_url", runbookUrl));
            var content = new RuleContent(RuleKind.Alerting, name, "up == 0", PromDuration.Parse("5m"), null, LabelMap.Of(("severity", "page")), annotations);
            return (await database.Rules.SaveAsync(new RuleEdit(null, group.Id, content, 0), Admin, default)).Value!.Id;
        }

        var linked = await AlertAsync("Linked", null);
        var own = await AlertAsync("OwnUrl", "https://wiki.example.org/own");
        var plain = await AlertAsync("Plain", null);
        var runbook = await database.Store.SaveAsync(new RunbookEdit(null, slug, "Target down", ["ops"], "sre", "# Target down", null, null), Admin, default);
        Assert.Equal(StoreOutcome.Saved, runbook.Outcome);
        Assert.Equal(StoreOutcome.Saved, (await database.Store.LinkRuleAsync(linked, slug, Admin, default)).Outcome);
        Assert.Equal(StoreOutcome.Saved, (await database.Store.LinkRuleAsync(own, slug, Admin, default)).Outcome);
        return (ns.Name, linked, own, plain);
    }

    private static IReadOnlyDictionary<string, string?> RunbookUrls(NamespaceExport export) =>
        export.File.Groups.SelectMany(g => g.Rules).OfType<AlertingRule>()
            .ToDictionary(r => r.Alert, r => r.Annotations.TryGetValue("runbook_url", out var url) ? url : null);

    [Fact]
    public async Task TheExportPublishingReads_GivesALinkedRuleItsRunbooksPublicAddress_UnlessItCarriesItsOwn()
    {
        var slug = "target-down-" + Guid.NewGuid().ToString("N")[..6];
        var (ns, _, _, _) = await CatalogAsync(slug);

        var published = RunbookUrls(Assert.Single(await database.RulesAt(PublicUrl).ExportAsync(ns, default)));
        var withoutAddress = RunbookUrls(Assert.Single(await database.RulesAt(null).ExportAsync(ns, default)));

        Assert.Equal($"https://alerts.example.org/runbooks/{slug}", published["Linked"]);
        Assert.Equal("https://wiki.example.org/own", published["OwnUrl"]);
        Assert.Null(published["Plain"]);
        // Without the portal's public address no half-made link is published.
        Assert.Null(withoutAddress["Linked"]);
    }

    [Fact]
    public async Task ALink_SatisfiesMissingRunbook_AndRunbookHealthSeesIt()
    {
        var slug = "lint-link-" + Guid.NewGuid().ToString("N")[..6];
        var (_, linked, _, plain) = await CatalogAsync(slug);

        var linkedDetail = (await database.Rules.GetAsync(linked, default))!;
        Assert.DoesNotContain(linkedDetail.Findings, f => f.Id == LintChecks.MissingRunbook.Id);
        Assert.Equal(slug, linkedDetail.RunbookSlug);
        Assert.Contains((await database.Rules.GetAsync(plain, default))!.Findings, f => f.Id == LintChecks.MissingRunbook.Id);

        var coverage = await database.Coverage.AlertsAsync(default);
        Assert.Equal(slug, Assert.Single(coverage, a => a.RuleId == linked).LinkedSlug);
        Assert.Null(Assert.Single(coverage, a => a.RuleId == plain).LinkedSlug);
    }
}
