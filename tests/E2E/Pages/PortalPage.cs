using Microsoft.Playwright;

namespace Portal.Tests.E2E.Pages;

/// <summary>
/// A page object for any portal page: navigation that waits until Blazor is interactive, the
/// browser's errors, and screenshots for people to look at.
/// </summary>
public sealed class PortalPage(IPage page)
{
    private readonly List<string> _errors = [];

    public IPage Page { get; } = page;

    public IReadOnlyList<string> BrowserErrors => _errors;

    /// <param name="bypassCsp">Lets the test add its own scripts (axe-core), which the portal's Content-Security-Policy would refuse.</param>
    /// <param name="baseUrl">A replica of its own (tests across replicas); the portal under test when null.</param>
    public static async Task<PortalPage> OpenAsync(IBrowser browser, string path, bool bypassCsp = false, Uri? baseUrl = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseUrl ?? BrowserFixture.PortalUrl).ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            StorageStatePath = BrowserFixture.SignedInState,
            BypassCSP = bypassCsp,
        });
        var portal = new PortalPage(await context.NewPageAsync());
        portal.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                portal._errors.Add(message.Text);
            }
        };
        portal.Page.PageError += (_, error) => portal._errors.Add(error);
        await portal.GoToAsync(path);
        return portal;
    }

    /// <summary>Opens a page in a fresh browser context, runs the test on it and always closes the context.</summary>
    public static async Task VisitAsync(IBrowser browser, string path, Func<PortalPage, Task> test, bool bypassCsp = false)
    {
        var portal = await OpenAsync(browser, path, bypassCsp);
        try
        {
            await test(portal);
        }
        finally
        {
            await portal.CloseAsync();
        }
    }

    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        // The layout marks itself once the circuit is up; before that clicks go nowhere.
        await Page.Locator("[data-interactive='True']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
    }

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 });

    public ILocator NavLink(string title) =>
        Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = title, Exact = true });

    public async Task ScreenshotAsync(string name)
    {
        // From the top: a full-page shot taken while scrolled draws the fixed app bar in the middle of the page.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"),
            FullPage = true,
        });
    }

    public async ValueTask CloseAsync() => await Page.Context.CloseAsync();
}
