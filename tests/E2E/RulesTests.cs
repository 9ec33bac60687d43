using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// The rule catalog through the browser against the real store: every test imports into a namespace
/// of its own, so the tests neither depend on their order nor on what other tests left behind.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RulesTests(BrowserFixture browser)
{
    private const string FixtureRule = "CacheMemoryHigh";

    [Fact]
    public async Task StarterPack_LoadsTheStacksOwnRules_IntoPortalStack()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            // The empty state offers the pack; a catalog without portal-stack offers it in the toolbar.
            await rules.EnsureStarterPackAsync(async () =>
            {
                if (await portal.Page.GetByTestId("empty-import").IsVisibleAsync())
                {
                    await portal.ScreenshotAsync("rules-empty");
                }
            });

            // Loaded now or by an earlier run against the same database: either way the pack is there.
            await rules.OpenListAsync("?ns=portal-stack&q=Portal");
            await Expect(rules.RuleLink("PortalHighErrorRate").First).ToBeVisibleAsync();
            await Expect(rules.RuleLink("PortalSlowRequests").First).ToBeVisibleAsync();
            await portal.ScreenshotAsync("rules-starter-pack");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task SearchBox_FiltersAsYouType_ClearsWithItsButton_AndTheExportMenuOffersBothFormats()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.EnsureStarterPackAsync();
            await rules.OpenListAsync("?ns=portal-stack");
            await Expect(portal.Page.Locator("[data-interactive=True]")).ToBeVisibleAsync();

            var search = portal.Page.GetByLabel("Search", new() { Exact = true });
            await search.PressSequentiallyAsync("PortalSlow");
            await portal.Page.WaitForURLAsync(url => url.Contains("q=PortalSlow"));
            await Expect(rules.RuleLink("PortalSlowRequests").First).ToBeVisibleAsync();
            await Expect(rules.RuleLink("PortalHighErrorRate")).ToHaveCountAsync(0);
            await Expect(search).ToHaveValueAsync("PortalSlow");

            await portal.Page.GetByRole(AriaRole.Button, new() { Name = "Clear the search" }).ClickAsync();
            await portal.Page.WaitForURLAsync(url => !url.Contains("q="));
            await Expect(rules.RuleLink("PortalHighErrorRate").First).ToBeVisibleAsync();
            await Expect(search).ToHaveValueAsync("");

            var export = portal.Page.GetByTestId("export").GetByRole(AriaRole.Button, new() { Name = "Export" });
            await export.ClickAsync();
            await Expect(portal.Page.GetByRole(AriaRole.Menuitem, new() { Name = "portal-stack as a Prometheus rule file" })).ToBeVisibleAsync();
            await Expect(portal.Page.GetByTestId("export-prometheusrule")).ToHaveAttributeAsync("href", "/rules/export?format=prometheusrule&namespace=portal-stack");
            await portal.ScreenshotAsync("rules-export-menu");
            await portal.Page.Keyboard.PressAsync("Escape");
            await Expect(portal.Page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);

            // A menu item is a download, not a page the router would try to show.
            await export.ClickAsync();
            var download = await portal.Page.RunAndWaitForDownloadAsync(() => portal.Page.GetByTestId("export-prometheus").ClickAsync());
            var file = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.Contains("groups:", file);
            Assert.Contains("PortalSlowRequests", file);
            await Expect(portal.Page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task ImportDialog_PreviewsAFixtureDocument_AndImportsIt()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-import");
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.OpenListAsync();
            await rules.OpenImportDialogAsync();

            await rules.PreviewImportAsync(RulesPageObject.FixtureDocument(), ns);

            await Expect(rules.ImportCount("create")).ToContainTextAsync("to create");
            Assert.DoesNotMatch("^0 ", (await rules.ImportCount("create").TextContentAsync())!.Trim());
            await Expect(portal.Page.GetByTestId("import-plan")).ToContainTextAsync(FixtureRule);
            await rules.ScreenshotWindowAsync("rules-import-preview");

            await rules.ConfirmImportAsync();

            await Expect(rules.Snackbar($"Imported into {ns}")).ToBeVisibleAsync();
            await portal.Page.WaitForURLAsync(url => url.Contains("ns=" + ns, StringComparison.Ordinal));
            await Expect(rules.RuleLink(FixtureRule)).ToBeVisibleAsync();
            await portal.ScreenshotAsync("rules-list");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task ImportDialog_TheLongestPasteTheBoxTakes_KeepsTheCircuit()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.OpenListAsync();
            await rules.OpenImportDialogAsync();
            var target = portal.Page.GetByTestId("import-namespace");
            await target.FillAsync("e2e-long-paste");
            await target.PressAsync("Tab");

            // The costliest text per character (JSON escapes U+0001 to six bytes, and Blazor sends the
            // value twice), longer than the box takes: the box cuts it, the message still fits the hub.
            await portal.Page.GetByTestId("import-text").FillAsync("groups: []\n#" + new string('\u0001', 300_000));
            await portal.Page.GetByTestId("import-preview").ClickAsync();

            await Expect(portal.Page.GetByTestId("import-counts").Or(portal.Page.GetByTestId("import-refused"))
                .Or(portal.Page.GetByTestId("import-error")).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task ThresholdChangedInTheEditor_IsSavedWithItsReason_AndShowsInTheHistoryWithTheDiff()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-edit");
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.ImportAsync(RulesPageObject.FixtureDocument(), ns);
            await rules.OpenEditorAsync(ns, FixtureRule);
            await Expect(rules.Yaml).ToContainTextAsync("cache_memory_usage_mb > 230");

            await rules.SetThresholdAsync("240");
            await Expect(rules.Yaml).ToContainTextAsync("cache_memory_usage_mb > 240");
            await portal.ScreenshotAsync("rule-editor");
            await rules.SaveAsync("e2e: fewer pages at 230 MB");

            await Expect(rules.Snackbar("Saved version 2")).ToBeVisibleAsync();
            await rules.OpenHistoryAsync();
            await Expect(rules.HistoryVersions).ToHaveCountAsync(2);
            await Expect(rules.HistoryVersions.First).ToContainTextAsync("e2e: fewer pages at 230 MB");
            await Expect(rules.HistoryDiff.Locator("[data-kind=removed]")).ToContainTextAsync("> 230");
            await Expect(rules.HistoryDiff.Locator("[data-kind=added]")).ToContainTextAsync("> 240");
            await Expect(portal.Page.GetByTestId("threshold-change")).ToContainTextAsync("> 230 → > 240");
            await portal.ScreenshotAsync("rule-history");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task SavingARuleChangedInASecondBrowser_ShowsTheConflictDialog_WithBothVersions()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-conflict");
        await PortalPage.VisitAsync(browser.Browser, "/rules", async mine =>
        {
            var me = new RulesPageObject(mine);
            await me.ImportAsync(RulesPageObject.FixtureDocument(), ns);
            await me.OpenEditorAsync(ns, FixtureRule);

            // A colleague in another browser context changes the same rule first.
            await PortalPage.VisitAsync(browser.Browser, "/rules", async theirs =>
            {
                var colleague = new RulesPageObject(theirs);
                await colleague.OpenEditorAsync(ns, FixtureRule);
                await colleague.SetThresholdAsync("250");
                await colleague.SaveAsync("colleague: raised to 250");
                await Expect(colleague.Snackbar("Saved version 2")).ToBeVisibleAsync();
            });

            await me.SetThresholdAsync("220");
            await me.SaveAsync("mine: lowered to 220");

            var theirsSide = mine.Page.GetByTestId("conflict-theirs");
            var mineSide = mine.Page.GetByTestId("conflict-mine");
            await Expect(theirsSide).ToBeVisibleAsync();
            await Expect(theirsSide.Locator("[data-kind=removed]")).ToContainTextAsync("> 250");
            await Expect(mineSide.Locator("[data-kind=added]")).ToContainTextAsync("> 220");
            await me.ScreenshotWindowAsync("rule-conflict");

            await mine.Page.GetByTestId("conflict-keep-mine").ClickAsync();

            await Expect(me.Snackbar("Saved version 3")).ToBeVisibleAsync();
            await Expect(me.Yaml).ToContainTextAsync("cache_memory_usage_mb > 220");
            Assert.Empty(mine.BrowserErrors);
        });
    }

    [Fact]
    public async Task NamespacePage_ShowsTheGroups_AndReordersRules()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-ns");
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.ImportAsync(RulesPageObject.FixtureDocument(), ns);
            await portal.GoToAsync("/rules/namespaces/" + ns);
            await Expect(portal.Heading).ToHaveTextAsync(ns);
            var names = portal.Page.GetByTestId("group-rule").Locator("a");
            await Expect(names.First).ToBeVisibleAsync();
            var first = (await names.Nth(0).TextContentAsync())!.Trim();
            var second = (await names.Nth(1).TextContentAsync())!.Trim();

            await portal.Page.GetByTestId("rule-up").Nth(1).ClickAsync();

            await Expect(names.Nth(0)).ToHaveTextAsync(second);
            await Expect(names.Nth(1)).ToHaveTextAsync(first);
            await portal.ScreenshotAsync("rules-namespace");
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
