using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class HomePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task DemoChart_IsDrawnAsSvg_WithTheThresholdLine()
    {
        await PortalPage.VisitAsync(browser.Browser, "/", async portal =>
        {
            var chart = portal.Page.GetByTestId("apex-chart");
            await Expect(chart.Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
            await Expect(chart.Locator(".apexcharts-series path").First).ToBeVisibleAsync();
            await Expect(chart.Locator(".apexcharts-yaxis-annotations line").First).ToBeAttachedAsync();
            await portal.ScreenshotAsync("home");

            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task PromQlEditor_CompletesMetricNamesFromTheLivePrometheus_AndSendsTheTextToThePortal()
    {
        await PortalPage.VisitAsync(browser.Browser, "/", async portal =>
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

            await Expect(portal.Page.GetByTestId("demo-query")).ToContainTextAsync("prometheus_build_info");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task PromQlEditor_ShowsTheParseErrorWithItsPosition_AndLintFindings()
    {
        await PortalPage.VisitAsync(browser.Browser, "/", async portal =>
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
            await Expect(portal.Page.GetByTestId("demo-parse-error")).ToContainTextAsync("1:");
            await Expect(portal.Page.GetByTestId("demo-parse-error")).ToContainTextAsync("parse error");
            await Expect(portal.Page.Locator(".cm-lintRange-error").First).ToBeAttachedAsync();

            await TypeAsync("rate(process_resident_memory_bytes[1h]) > 10485760");
            await Expect(portal.Page.GetByTestId("demo-finding").First).ToContainTextAsync("rate-of-non-counter");
            await Expect(portal.Page.Locator(".cm-lintRange-warning").First).ToBeAttachedAsync();
            await portal.ScreenshotAsync("promql-lint");

            Assert.Empty(portal.BrowserErrors);
        });
    }
}
