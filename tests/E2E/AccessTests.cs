using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Teams and roles as people meet them: an Admin makes two teams and two people on the Admin page; the
/// Editor of one team sees the other team's rules read-only; a Viewer has no edit or publish buttons,
/// and a publish request crafted with the Viewer's own token is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnEditorSeesOtherTeamsRulesReadOnly_AndAViewerCanNeitherEditNorPublish()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (teamA, teamB) = ($"e2e-a-{suffix}", $"e2e-b-{suffix}");
        var (editor, viewer) = ($"editor-{suffix}", $"viewer-{suffix}");

        await PortalPage.VisitAsync(browser.Browser, "/admin", async admin =>
        {
            var page = admin.Page;
            foreach (var team in new[] { teamA, teamB })
            {
                await People.AddTeamAsync(page, team);
            }

            // A team nobody made is refused where it was typed; the rest of the form stays.
            await AddUserAsync(page, editor, "no-such-team");
            await Expect(page.GetByTestId("users-panel")).ToContainTextAsync("There is no team no-such-team");
            await Expect(Field(page, "new-user-name")).ToHaveValueAsync(editor);

            await AddUserAsync(page, editor, teamA);
            await People.GrantAsync(page, editor, "Editor");
            await AddUserAsync(page, viewer, "");
            await Expect(page.Locator($"[data-testid=user-row][data-user='{viewer}']")).ToBeVisibleAsync();
            await admin.ScreenshotAsync("admin-teams-and-users");
            await page.GetByTestId("teams-panel").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "admin-teams-panel.png") });
        });

        using var api = AdminApi();
        var ruleA = await ImportAsync(api, $"ns-{teamA}", teamA);
        var ruleB = await ImportAsync(api, $"ns-{teamB}", teamB);

        var asEditor = await SignInAsync(editor);
        try
        {
            var page = asEditor.Page;
            await asEditor.GoToAsync($"/rules/{ruleB}");
            await Expect(page.GetByTestId("editor-read-only")).ToContainTextAsync(teamB);
            await Expect(page.GetByTestId("editor-save")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("editor-delete")).ToHaveCountAsync(0);
            await asEditor.ScreenshotAsync("access-editor-other-team-read-only");

            await asEditor.GoToAsync($"/rules/namespaces/ns-{teamB}");
            await Expect(page.GetByTestId("namespace-read-only")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("new-group")).ToHaveCountAsync(0);

            // Their own team's rule is theirs to change.
            await asEditor.GoToAsync($"/rules/{ruleA}");
            await Expect(page.GetByTestId("editor-save")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("editor-read-only")).ToHaveCountAsync(0);
            Assert.Empty(asEditor.BrowserErrors);
        }
        finally
        {
            await asEditor.CloseAsync();
        }

        var asViewer = await SignInAsync(viewer);
        try
        {
            var page = asViewer.Page;
            await asViewer.GoToAsync("/rules");
            await Expect(page.GetByTestId("rules-grid")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("new-rule")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("import")).ToHaveCountAsync(0);
            await Expect(asViewer.NavLink("Admin")).ToHaveCountAsync(0);
            // Not a circuit page: the cookie's access-denied page, rendered on the server.
            await page.GotoAsync("/admin");
            await asViewer.ScreenshotAsync("access-viewer-admin");
            await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("Your roles do not allow this page (/admin)");
            await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("Viewer");
            // The audit export is the Admin page's too: a Viewer's cookie does not fetch it.
            var csv = await page.Context.APIRequest.GetAsync("/admin/audit.csv");
            Assert.Contains("/account/access-denied", csv.Url);
            Assert.DoesNotContain("id,at,actor", await csv.TextAsync());

            await asViewer.GoToAsync("/publish");
            await Expect(page.GetByTestId("publish-not-allowed")).ToContainTextAsync("Publisher role");
            await Expect(page.GetByTestId("publish-button")).ToHaveCountAsync(0);
            await asViewer.ScreenshotAsync("access-viewer-publish");

            await asViewer.GoToAsync($"/rules/{ruleA}");
            await Expect(page.GetByTestId("editor-read-only")).ToContainTextAsync("Editor role");

            // A request crafted by hand, with the Viewer's own token: refused, whatever the page showed.
            await asViewer.GoToAsync("/me");
            await Field(page, "token-name").FillAsync("crafted");
            await page.GetByTestId("token-create").ClickAsync();
            var secret = (await page.GetByTestId("token-secret").TextContentAsync())!.Trim();
            using var crafted = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
            crafted.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            using var publish = await crafted.PostAsJsonAsync("/api/v1/publish", new { note = "sneaky", confirm = true });
            Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
            Assert.Contains("Publisher role", await publish.Content.ReadAsStringAsync());
            Assert.Empty(asViewer.BrowserErrors);
        }
        finally
        {
            await asViewer.CloseAsync();
        }
    }

    [Fact]
    public async Task Responses_CarryTheContentSecurityPolicy_AndFrameOptions()
    {
        using var http = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
        using var response = await http.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    private static ILocator Field(IPage page, string testId) => People.Field(page, testId);

    private static Task AddUserAsync(IPage page, string name, string teams) => People.AddUserAsync(page, name, teams);

    private Task<PortalPage> SignInAsync(string user) => People.SignInAsync(browser.Browser, user);

    private static HttpClient AdminApi() => People.AdminApi();


    /// <summary>A namespace of the team with one alert, imported through the API; returns the alert's id.</summary>
    private static async Task<Guid> ImportAsync(HttpClient api, string @namespace, string team)
    {
        const string yaml = "groups:\n- name: api\n  rules:\n  - alert: TeamAlert\n    expr: rate(http_requests_total[5m]) > 0.5\n";
        using var imported = await api.PostAsJsonAsync("/api/v1/import?dryRun=false", new { text = yaml, @namespace, team });
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var detail = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/namespaces/{@namespace}");
        return detail.GetProperty("groups")[0].GetProperty("rules")[0].GetProperty("id").GetGuid();
    }
}
