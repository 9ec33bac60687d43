using Portal.Tests.E2E.Pages;

namespace Portal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class AreaPagesTests(BrowserFixture browser)
{
    public static TheoryData<string, string, string> Areas() => new()
    {
        { "Rules", "/rules", "rules" },
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
        var portal = await PortalPage.OpenAsync(browser.Browser, "/");
        try
        {
            await portal.NavLink(title).ClickAsync();
            await portal.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == route);
            await Microsoft.Playwright.Assertions.Expect(portal.Heading).ToHaveTextAsync(title);
            await portal.Page.WaitForTimeoutAsync(300);
            await portal.ScreenshotAsync(screenshot);

            Assert.Empty(portal.BrowserErrors);
        }
        finally
        {
            await portal.CloseAsync();
        }
    }

    [Fact]
    public async Task HealthPage_ShowsEveryDependencyHealthy()
    {
        var portal = await PortalPage.OpenAsync(browser.Browser, "/status");
        try
        {
            foreach (var component in new[] { "db", "cache", "prometheus" })
            {
                await Microsoft.Playwright.Assertions.Expect(portal.Page.GetByTestId($"health-{component}")).ToContainTextAsync("healthy");
            }

            await Microsoft.Playwright.Assertions.Expect(portal.Page.GetByTestId("overall-status")).ToHaveTextAsync("Portal healthy");
            await Microsoft.Playwright.Assertions.Expect(portal.Page.GetByTestId("footer-prometheus")).ToContainTextAsync("Prometheus 2.");
            await portal.ScreenshotAsync("status");
            Assert.Empty(portal.BrowserErrors);
        }
        finally
        {
            await portal.CloseAsync();
        }
    }

    [Fact]
    public async Task DarkModeToggle_SwitchesTheTheme()
    {
        var portal = await PortalPage.OpenAsync(browser.Browser, "/");
        try
        {
            var background = () => portal.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
            var light = await background();

            await portal.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(portal.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
            var dark = await background();

            Assert.NotEqual(light, dark);
            await portal.ScreenshotAsync("home-dark");
        }
        finally
        {
            await portal.CloseAsync();
        }
    }
}
