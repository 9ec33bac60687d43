using static Microsoft.Playwright.Assertions;
using Portal.Tests.E2E.Pages;

namespace Portal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class AreaPagesTests(BrowserFixture browser)
{
    public static TheoryData<string, string, string> Areas() => new()
    {
        { "Rules", "/rules", "rules" },
        { "Alerts", "/alerts", "alerts-area" },
        { "Tuning", "/tuning", "tuning" },
        { "Publish", "/publish", "publish" },
        { "Runbooks", "/runbooks", "runbooks" },
        { "Incidents", "/incidents", "incidents" },
        { "Health", "/status", "status" },
        { "Capacity", "/capacity", "capacity" },
        { "Admin", "/admin", "admin" },
    };

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task AreaPage_ReachedFromTheNavigation_ShowsItsHeadingWithoutBrowserErrors(string title, string route, string screenshot)
    {
        await PortalPage.VisitAsync(browser.Browser, "/", async portal =>
        {
            await portal.NavLink(title).ClickAsync();
            await portal.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == route);
            await Expect(portal.Heading).ToHaveTextAsync(title);
            await portal.Page.WaitForTimeoutAsync(300);
            await portal.ScreenshotAsync(screenshot);

            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task HealthPage_ShowsEveryDependencyHealthy()
    {
        await PortalPage.VisitAsync(browser.Browser, "/status", async portal =>
        {
            foreach (var component in new[] { "db", "cache", "prometheus" })
            {
                await Expect(portal.Page.GetByTestId($"health-{component}")).ToContainTextAsync("healthy");
            }

            await Expect(portal.Page.GetByTestId("overall-status")).ToHaveTextAsync("Portal healthy");
            await Expect(portal.Page.GetByTestId("footer-prometheus")).ToContainTextAsync("Prometheus 2.");
            // The background checks ran while the other suites did; their latency history is drawn.
            await Expect(portal.Page.GetByTestId("health-history").Locator(".apexcharts-series path").First).ToBeVisibleAsync();
            await portal.ScreenshotAsync("status");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task DarkModeToggle_SwitchesTheTheme()
    {
        await PortalPage.VisitAsync(browser.Browser, "/", async portal =>
        {
            var background = () => portal.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
            var light = await background();

            await portal.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
            await Expect(portal.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
            var dark = await background();

            Assert.NotEqual(light, dark);
            await portal.ScreenshotAsync("home-dark");
        });
    }

    [Fact]
    public async Task NavigationButton_HidesTheDrawerOnAWideScreen_AndShowsItOverThePageOnANarrowOne()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var toggle = portal.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Toggle navigation" });
            var rulesLink = portal.NavLink("Rules");
            await Expect(portal.Page.Locator("[data-interactive=True]")).ToBeVisibleAsync();
            await Expect(rulesLink).ToBeInViewportAsync();

            await toggle.ClickAsync();
            await Expect(rulesLink).Not.ToBeInViewportAsync();
            await toggle.ClickAsync();
            await Expect(rulesLink).ToBeInViewportAsync();

            // Below 960 px the drawer starts hidden, and the button shows it over the page.
            await portal.Page.SetViewportSizeAsync(700, 900);
            await Expect(rulesLink).Not.ToBeVisibleAsync();
            await toggle.ClickAsync();
            await Expect(rulesLink).ToBeInViewportAsync();
            await portal.Page.WaitForTimeoutAsync(300);
            await portal.ScreenshotAsync("nav-narrow-open");
            await portal.NavLink("Alerts").ClickAsync();
            await Expect(portal.Heading).ToHaveTextAsync("Alerts");
            // Following a link closes the drawer it was shown in, and the page is readable again.
            await Expect(rulesLink).Not.ToBeVisibleAsync();
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
