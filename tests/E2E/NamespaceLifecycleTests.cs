using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>A deleted rule's address and its restore, and the namespace menu, as a person meets them.</summary>
[Collection(BrowserCollection.Name)]
public class NamespaceLifecycleTests(BrowserFixture browser)
{
    private static HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("Portal__BootstrapApiToken"));
        return http;
    }

    [Fact]
    public async Task ADeletedRulesAddress_SaysWhoDeletedIt_AndRestoreBringsItBack()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-trash");
        Guid id;
        using (var http = Api())
        {
            // A new namespace needs an owning team.
            await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
            using var import = await http.PostAsync($"/api/v1/import?dryRun=false&team=e2e&namespace={ns}",
                new StringContent("groups:\n- name: g\n  rules:\n  - alert: Trashed\n    expr: up == 0\n", System.Text.Encoding.UTF8, "application/yaml"));
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
            var rule = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/rules?namespace={ns}")).GetProperty("items")[0];
            id = rule.GetProperty("id").GetGuid();
            using var deleted = await http.DeleteAsync($"/api/v1/rules/{id}?version={rule.GetProperty("version").GetUInt32()}");
            Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        }

        await PortalPage.VisitAsync(browser.Browser, $"/rules/{id}", async portal =>
        {
            var notice = portal.Page.GetByTestId("deleted-rule");
            await Expect(notice).ToContainTextAsync("was deleted by");
            await Expect(portal.Heading).ToHaveTextAsync("Trashed");
            await portal.ScreenshotAsync("rule-deleted");

            await portal.Page.GetByTestId("restore-rule").ClickAsync();

            await Expect(portal.Page.GetByTestId("editor-tabs")).ToBeVisibleAsync();
            await Expect(notice).ToHaveCountAsync(0);

            await portal.GoToAsync($"/rules/namespaces/{ns}");
            await portal.Page.GetByTestId("namespace-menu").ClickAsync();
            await Expect(portal.Page.GetByTestId("namespace-delete")).ToBeVisibleAsync();
            await portal.ScreenshotAsync("namespace-menu");
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
