using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Sign-in as a new visitor meets it: no session, a wrong password, the right one, signing out.</summary>
[Collection(BrowserCollection.Name)]
public class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task AVisitorWithoutASession_IsSentToSignIn_AndBackToThePageAfterwards()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BrowserFixture.PortalUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };

            await page.GotoAsync("/rules");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login");
            Assert.Contains("returnurl=%2frules", page.Url.ToLowerInvariant());

            await page.GetByTestId("login-user").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync("not-the-password");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("login-error")).ToContainTextAsync("not right");
            // The user name typed stays; the password does not.
            await Expect(page.GetByTestId("login-user")).ToHaveValueAsync("admin");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "sign-in.png") });

            var file = Environment.GetEnvironmentVariable("Portal__Admin__PasswordFile") ?? Path.Combine(BrowserFixture.RepositoryRoot(), ".stack", "test", "admin-password");
            await page.GetByTestId("login-password").FillAsync((await File.ReadAllTextAsync(file)).Trim());
            await page.GetByTestId("login-submit").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/rules");
            await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("admin");

            await page.GetByTestId("sign-out").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login");
            await page.GotoAsync("/publish");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login");
            Assert.Empty(errors);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task APersonalToken_IsShownOnce_WorksForTheApi_UntilRevoked()
    {
        await Pages.PortalPage.VisitAsync(browser.Browser, "/me", async portal =>
        {
            var page = portal.Page;
            await Expect(portal.Heading).ToHaveTextAsync("Your account");
            await page.GetByTestId("token-create").ClickAsync();
            await Expect(page.GetByText("Say what the token is for")).ToBeVisibleAsync();

            var name = "e2e-" + Guid.NewGuid().ToString("N")[..6];
            await page.Locator("input[data-testid=token-name], [data-testid=token-name] input").First.FillAsync(name);
            await page.GetByTestId("token-create").ClickAsync();
            var secret = (await page.GetByTestId("token-secret").TextContentAsync())!.Trim();
            Assert.StartsWith("arp_", secret);
            await portal.ScreenshotAsync("account-tokens");

            using var api = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/v1/namespaces")).StatusCode);

            var row = page.Locator($"[data-testid=token-row][data-name='{name}']");
            await row.GetByTestId("token-revoke").ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(row).ToContainTextAsync("revoked");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/namespaces")).StatusCode);
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
