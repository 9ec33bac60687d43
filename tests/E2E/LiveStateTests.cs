using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Issue 14's live state: an always-true rule published to both replicas is seen firing on its rule page, on the Alerts page and in the rules list.</summary>
[Collection(BrowserCollection.Name)]
public class LiveStateTests(BrowserFixture browser)
{
    private const string Firing = "E2eAlwaysFiring";
    private const string Pending = "E2eAlwaysPending";

    private static HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("Portal__BootstrapApiToken"));
        return http;
    }

    private static async Task<string> PublishAlwaysTrueRulesAsync()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-live");
        using var http = Api();
        var yaml = $"groups:\n- name: live-e2e\n  rules:\n  - alert: {Firing}\n    expr: vector(1) > 0\n    labels:\n      severity: critical\n      probe: e2e\n"
            + $"    annotations:\n      summary: always true\n      runbook_url: https://runbooks.example/e2e\n  - alert: {Pending}\n    expr: vector(3) > 1\n    for: 1h\n    labels:\n      severity: warning\n";
        using var team = await http.PostAsJsonAsync("/api/v1/teams", new { name = "e2e" });
        using var import = await http.PostAsync($"/api/v1/import?dryRun=false&team=e2e&namespace={ns}", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        using var published = await http.PostAsJsonAsync("/api/v1/publish", new { note = "E2E live state", confirm = true, namespaces = new[] { ns } });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return ns;
    }

    [Fact]
    public async Task AFiringRule_SaysFiringSinceOnItsPage_AndIsOnTheAlertsPage_AndTheRulesListFitsAt1280()
    {
        var ns = await PublishAlwaysTrueRulesAsync();

        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.OpenEditorAsync(ns, Firing);
            // The portal reads each target at most every 12 s and Prometheus evaluates every 5 s: ask again until it fires.
            var series = portal.Page.GetByTestId("live-series-row").First;
            for (var attempt = 0; attempt < 20 && !(await series.IsVisibleAsync() && (await series.TextContentAsync() ?? "").Contains("firing since")); attempt++)
            {
                await portal.Page.WaitForTimeoutAsync(2_000);
                await portal.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh the live state" }).ClickAsync();
            }

            await Expect(series).ToContainTextAsync("firing since");
            await Expect(portal.Page.GetByTestId("live-title")).ToContainTextAsync("Live in release #");
            await Expect(portal.Page.GetByTestId("live-target")).ToHaveCountAsync(2);
            await Expect(portal.Page.GetByTestId("editor-yaml-title")).ToHaveTextAsync("Stored");
            await portal.ScreenshotAsync("rule-live");

            await rules.OpenEditorAsync(ns, Pending);
            var pending = portal.Page.GetByTestId("live-series-row").First;
            await Expect(pending).ToContainTextAsync("pending since", new() { Timeout = 30_000 });
            Assert.Empty(portal.BrowserErrors);
        });

        await PortalPage.VisitAsync(browser.Browser, $"/alerts?q={ns}", async portal =>
        {
            await Expect(portal.Heading).ToHaveTextAsync("Alerts");
            await Expect(portal.Page.Locator("[data-testid=alert-row][data-state=firing]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(portal.Page.Locator("[data-testid=alert-row][data-state=pending]")).ToHaveCountAsync(1);
            var row = portal.Page.Locator("[data-testid=alert-row][data-state=firing]");
            await Expect(row).ToContainTextAsync(Firing);
            await Expect(row.GetByTestId("alert-runbook-link")).ToHaveAttributeAsync("href", "https://runbooks.example/e2e");
            await Expect(portal.Page.Locator("[data-testid=alert-group][data-severity=critical][data-team=e2e]")).ToHaveCountAsync(1);
            await portal.ScreenshotAsync("alerts");

            await row.GetByTestId("alert-rule-link").ClickAsync();
            await Expect(portal.Heading).ToHaveTextAsync(Firing);
            Assert.Empty(portal.BrowserErrors);
        });

        await PortalPage.VisitAsync(browser.Browser, $"/rules?live=firing&ns={ns}", async portal =>
        {
            await portal.Page.SetViewportSizeAsync(1280, 900);
            await Expect(portal.Page.GetByTestId("rule-link")).ToHaveTextAsync(Firing, new() { Timeout = 15_000 });
            await Expect(portal.Page.GetByTestId("rule-live").First).ToHaveAttributeAsync("data-state", "firing");
            await portal.Page.GotoAsync(new Uri(BrowserFixture.PortalUrl, "/rules").ToString());
            await Expect(portal.Page.GetByTestId("rule-link").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var overflow = await portal.Page.EvaluateAsync<int[]>(
                "() => { const t = document.querySelector('[data-testid=rules-grid] .mud-table-container'); return [document.documentElement.scrollWidth - document.documentElement.clientWidth, t ? t.scrollWidth - t.clientWidth : 0]; }");
            Assert.Equal([0, 0], overflow);
            await portal.ScreenshotAsync("rules-live");
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
