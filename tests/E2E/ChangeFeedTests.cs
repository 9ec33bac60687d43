using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// A save in one browser reaches another browser's open editor and list without a reload. With PORTAL_REPLICA_URLS
/// (two replicas behind or beside nginx) the two browsers talk to different replicas, so the notice crosses Redis.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ChangeFeedTests(BrowserFixture browser)
{
    private const string FixtureRule = "CacheMemoryHigh";

    /// <summary>The saver's and the watcher's portal: two replicas when PORTAL_REPLICA_URLS names them, else the one portal twice.</summary>
    private static (Uri Saver, Uri Watcher) Replicas()
    {
        var urls = (Environment.GetEnvironmentVariable("PORTAL_REPLICA_URLS") ?? "")
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Uri(u)).ToList();
        return urls.Count >= 2 ? (urls[0], urls[1]) : (BrowserFixture.PortalUrl, BrowserFixture.PortalUrl);
    }

    [Fact]
    public async Task ASaveInOneBrowser_ShowsInTheOtherBrowsersOpenEditor_AndRefreshesItsList()
    {
        var (saverUrl, watcherUrl) = Replicas();
        var ns = RulesPageObject.UniqueNamespace("e2e-fanout");
        var saver = await PortalPage.OpenAsync(browser.Browser, "/rules", baseUrl: saverUrl);
        var watcher = await PortalPage.OpenAsync(browser.Browser, "/rules", baseUrl: watcherUrl);
        try
        {
            var saving = new RulesPageObject(saver);
            await saving.ImportAsync(RulesPageObject.FixtureDocument(), ns);

            // The watcher: the rule open in the editor, and the namespace's list in a second tab of the same browser.
            var watching = new RulesPageObject(watcher);
            await watching.OpenEditorAsync(ns, FixtureRule);
            var listTab = new PortalPage(await watcher.Page.Context.NewPageAsync());
            await listTab.GoToAsync($"/rules?ns={Uri.EscapeDataString(ns)}");
            var list = new RulesPageObject(listTab);
            await Expect(list.RuleLink(FixtureRule)).ToBeVisibleAsync();

            var renamed = FixtureRule + "Renamed";
            await saving.OpenEditorAsync(ns, FixtureRule);
            await saver.Page.GetByTestId("editor-name").FillAsync(renamed);
            await saver.Page.GetByTestId("editor-name").PressAsync("Tab");
            await saving.SaveAsync("fan-out test");
            await Expect(saving.Snackbar("Saved version")).ToBeVisibleAsync();

            var notice = watcher.Page.GetByTestId("live-changed");
            await Expect(notice).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Expect(notice).ToContainTextAsync("reload to see it");
            await Expect(list.RuleLink(renamed)).ToBeVisibleAsync(new() { Timeout = 10_000 });
            // The saver's own editor says nothing about its own save.
            await Expect(saver.Page.GetByTestId("live-changed")).ToHaveCountAsync(0);
            await watcher.ScreenshotAsync("fanout-editor-notice");
            await listTab.ScreenshotAsync("fanout-list-refreshed");
            Assert.Empty(watcher.BrowserErrors);
            Assert.Empty(saver.BrowserErrors);
        }
        finally
        {
            await saver.CloseAsync();
            await watcher.CloseAsync();
        }
    }
}
