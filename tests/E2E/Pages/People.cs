using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>Teams and people made the way an Admin makes them (on the Admin page), and signing in as one of them.</summary>
public static class People
{
    public const string Password = "correct-horse-battery";

    /// <summary>A MudBlazor text field's input, wherever the test id landed (the input itself or its wrapper).</summary>
    public static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    public static async Task AddTeamAsync(IPage page, string team)
    {
        await Field(page, "team-name").FillAsync(team);
        await page.GetByTestId("team-add").ClickAsync();
        await Expect(page.Locator($"[data-testid=team-row][data-team='{team}']")).ToBeVisibleAsync();
    }

    public static async Task AddUserAsync(IPage page, string name, string teams)
    {
        await Field(page, "new-user-name").FillAsync(name);
        await Field(page, "new-user-password").FillAsync(Password);
        await Field(page, "new-user-teams").FillAsync(teams);
        await page.GetByTestId("new-user-add").ClickAsync();
    }

    /// <summary>Ticks <paramref name="roles"/> on an existing user's row and saves it.</summary>
    public static async Task GrantAsync(IPage page, string user, params string[] roles)
    {
        var row = page.Locator($"[data-testid=user-row][data-user='{user}']");
        await Expect(row).ToBeVisibleAsync();
        foreach (var role in roles)
        {
            await row.Locator($"input[data-testid=user-role-{role}], [data-testid=user-role-{role}] input").First.CheckAsync();
        }

        await row.GetByTestId("user-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"{user} updated" })).ToBeVisibleAsync();
    }

    /// <summary>A browser context of its own, signed in as <paramref name="user"/>; close it when done.</summary>
    public static async Task<PortalPage> SignInAsync(IBrowser browser, string user)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BrowserFixture.PortalUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var portal = new PortalPage(await context.NewPageAsync());
        await portal.Page.GotoAsync("/account/login");
        await portal.Page.GetByTestId("login-user").FillAsync(user);
        await portal.Page.GetByTestId("login-password").FillAsync(Password);
        await portal.Page.GetByTestId("login-submit").ClickAsync();
        await portal.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 30_000 });
        return portal;
    }

    /// <summary>Makes <paramref name="team"/> through the API unless it exists already.</summary>
    public static async Task EnsureTeamAsync(string team)
    {
        using var api = AdminApi();
        var teams = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/teams");
        if (teams.EnumerateArray().Any(t => t.GetProperty("name").GetString() == team))
        {
            return;
        }

        using var made = await api.PostAsJsonAsync("/api/v1/teams", new { name = team });
        if (!made.IsSuccessStatusCode && (await made.Content.ReadAsStringAsync()) is var answer && !answer.Contains("exists already"))
        {
            throw new InvalidOperationException($"Could not make team {team}: {answer}");
        }
    }

    /// <summary>The bootstrap Admin's API client.</summary>
    public static HttpClient AdminApi()
    {
        var token = Environment.GetEnvironmentVariable("Portal__BootstrapApiToken")
            ?? throw new InvalidOperationException("Portal__BootstrapApiToken is not set: run through ./portal test.");
        var http = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
