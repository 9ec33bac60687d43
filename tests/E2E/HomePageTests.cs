using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class HomePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_ShowsTheCatalogsRealCount_ThatFollowsAnImport_AndItsTilesLeadToTheirPages()
    {
        await PortalPage.VisitAsync(browser.Browser, "/", async portal =>
        {
            var count = portal.Page.GetByTestId("home-rule-count").Locator(".home-figure__number");
            await Expect(count).ToBeVisibleAsync();
            var before = int.Parse((await count.TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

            var ns = RulesPageObject.UniqueNamespace("e2e-home");
            using (var api = People.AdminApi())
            {
                const string yaml = "groups:\n- name: home\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n"
                    + "  - alert: HomeA\n    expr: up == 0\n  - alert: HomeB\n    expr: up == 0\n";
                using var team = await api.PostAsJsonAsync("/api/v1/teams", new { name = "e2e" });
                using var import = await api.PostAsync($"/api/v1/import?dryRun=false&team=e2e&namespace={ns}", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
                Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
            }

            // The overview is kept for a few seconds, so a reload may still show the count from before.
            var expected = (before + 3).ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
            for (var attempt = 0; attempt < 6 && (await count.TextContentAsync())?.Trim() != expected; attempt++)
            {
                await Task.Delay(3_000);
                await portal.Page.ReloadAsync();
                await Expect(count).ToBeVisibleAsync();
            }

            await Expect(count).ToHaveTextAsync(expected);
            await Expect(portal.Page.GetByTestId("home-targets")).ToContainTextAsync("prometheus");
            await portal.ScreenshotAsync("home");

            await portal.Page.GetByTestId("home-alerts").Locator(".home-tile__title").ClickAsync();
            await Expect(portal.Heading).ToHaveTextAsync("Alerts");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task Page_CarriesTheCspAndFrameOptions_AndTheBrowserReportsViolationsAsErrors()
    {
        await PortalPage.VisitAsync(browser.Browser, "/", async portal =>
        {
            var response = await portal.Page.ReloadAsync();
            Assert.NotNull(response);
            var headers = await response.AllHeadersAsync();
            Assert.StartsWith("default-src 'none'; script-src 'self' 'sha256-", headers["content-security-policy"]);
            Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
            Assert.Equal("DENY", headers["x-frame-options"]);
            await portal.Page.Locator("[data-interactive='True']").WaitForAsync();
            Assert.Empty(portal.BrowserErrors);

            // What an injection would try: an inline script and a foreign image. Both are refused,
            // and the refusal is a browser error, so every test asserting none also asserts no CSP breakage.
            await portal.Page.RunAndWaitForConsoleMessageAsync(() => portal.Page.EvaluateAsync("""
                () => {
                    const script = document.createElement('script');
                    script.textContent = 'window.injected = true';
                    document.body.appendChild(script);
                    const image = document.createElement('img');
                    image.src = 'https://example.invalid/pixel.png';
                    document.body.appendChild(image);
                }
                """), new() { Predicate = m => m.Text.Contains("example.invalid", StringComparison.Ordinal) });

            Assert.False(await portal.Page.EvaluateAsync<bool>("() => window.injected === true"));
            Assert.Contains(portal.BrowserErrors, e => e.Contains("inline script", StringComparison.OrdinalIgnoreCase) && e.Contains("Content Security Policy", StringComparison.Ordinal));
            Assert.Contains(portal.BrowserErrors, e => e.Contains("example.invalid", StringComparison.Ordinal) && e.Contains("Content Security Policy", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task PromQlEditor_CompletesMetricNamesFromTheLivePrometheus_AndSendsTheTextToThePortal()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules/new", async portal =>
        {
            var editor = portal.Page.GetByTestId("promql-editor").Locator(".cm-content");
            await editor.ClickAsync();
            await portal.Page.Keyboard.PressAsync("Control+A");
            await portal.Page.Keyboard.PressAsync("Delete");
            // A metric only the live Prometheus knows about: its own build information.
            await portal.Page.Keyboard.TypeAsync("prometheus_build_i", new KeyboardTypeOptions { Delay = 40 });

            var completion = portal.Page.Locator(".cm-tooltip-autocomplete");
            await Expect(completion).ToContainTextAsync("prometheus_build_info", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
            await portal.ScreenshotAsync("promql-completion");
            await portal.Page.Keyboard.PressAsync("Enter");

            await Expect(editor).ToContainTextAsync("prometheus_build_info");
            // The portal parsed what was sent: a complete metric name is no error.
            await Expect(portal.Page.GetByTestId("editor-findings")).ToBeVisibleAsync();
            await Expect(portal.Page.GetByTestId("editor-expr-error")).ToHaveCountAsync(0);
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task PromQlEditor_ShowsTheParseErrorWithItsPosition_AndLintFindings()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules/new", async portal =>
        {
            var editor = portal.Page.GetByTestId("promql-editor").Locator(".cm-content");
            async Task TypeAsync(string text)
            {
                await editor.ClickAsync();
                await portal.Page.Keyboard.PressAsync("Control+A");
                await portal.Page.Keyboard.PressAsync("Delete");
                await portal.Page.Keyboard.InsertTextAsync(text);
            }

            await TypeAsync("sum(rate(http_requests_total[5m]) by (job)");
            await Expect(portal.Page.GetByTestId("editor-expr-error")).ToContainTextAsync("column");
            await Expect(portal.Page.Locator(".cm-lintRange-error").First).ToBeAttachedAsync();

            await TypeAsync("rate(process_resident_memory_bytes[1h]) > 10485760");
            await Expect(portal.Page.GetByTestId("editor-findings")).ToContainTextAsync("rate-of-non-counter");
            await Expect(portal.Page.Locator(".cm-lintRange-warning").First).ToBeAttachedAsync();
            await portal.ScreenshotAsync("promql-lint");

            Assert.Empty(portal.BrowserErrors);
        });
    }
}
