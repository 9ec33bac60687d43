using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Issue 6's path: a threshold changed in the editor, seen in Publish's diff, published to both replicas, rolled back.</summary>
[Collection(BrowserCollection.Name)]
public class PublishTests(BrowserFixture browser)
{
    private static HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("Portal__BootstrapApiToken"));
        return http;
    }

    /// <summary>The expression replica <paramref name="index"/> has loaded for <paramref name="alert"/> from <paramref name="file"/>, read from its own API.</summary>
    private static async Task<string?> LoadedQueryAsync(int index, string file, string alert)
    {
        var url = Environment.GetEnvironmentVariable($"Publishing__Targets__{index}__Url") ?? $"http://127.0.0.1:{59190 + index}";
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var rules = await http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        return rules.GetProperty("data").GetProperty("groups").EnumerateArray()
            .Where(g => Path.GetFileName(g.GetProperty("file").GetString()) == file)
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Where(r => r.GetProperty("name").GetString() == alert)
            .Select(r => r.GetProperty("query").GetString())
            .FirstOrDefault();
    }

    [Fact]
    public async Task AThresholdChangedInTheEditor_IsPublishedToBothReplicas_AndRolledBackFromItsRelease()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-publish");
        const string alert = "PublishedFromTheEditor";
        using (var http = Api())
        {
            var yaml = $"groups:\n- name: publish-e2e\n  rules:\n  - alert: {alert}\n    expr: up{{job=\"prometheus\"}} > 0.5\n    labels:\n      severity: warning\n";
            // A new namespace needs an owning team.
            await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
            var import = await http.PostAsync($"/api/v1/import?dryRun=false&team=e2e&namespace={ns}", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
            var baseline = await http.PostAsJsonAsync("/api/v1/publish", new { note = "E2E baseline", confirm = true, confirmEmpty = true });
            Assert.True(baseline.IsSuccessStatusCode, await baseline.Content.ReadAsStringAsync());
        }

        Assert.Equal("up{job=\"prometheus\"} > 0.5", await LoadedQueryAsync(0, ns + ".yml", alert));
        var firstRelease = (await Api().GetFromJsonAsync<JsonElement>("/api/v1/releases"))[0].GetProperty("number").GetInt64();

        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.OpenEditorAsync(ns, alert);
            await rules.SetThresholdAsync("0.7");
            await rules.SaveAsync("E2E: publish a tighter threshold");
            await Expect(rules.Snackbar("Saved version 2")).ToBeVisibleAsync();

            var publish = new PublishPageObject(portal);
            await publish.OpenAsync();
            var change = publish.ChangeRows.Filter(new() { HasText = alert });
            await Expect(change).ToContainTextAsync("threshold");
            await Expect(change).ToContainTextAsync("0.5");
            await Expect(change).ToContainTextAsync("0.7");
            await Expect(publish.NamespaceRow(ns)).ToHaveAttributeAsync("data-status", "changed");
            await portal.ScreenshotAsync("publish-plan");

            await publish.PublishAsync("E2E: tighter threshold");
            await Expect(publish.TargetResult("prometheus-a")).ToHaveAttributeAsync("data-outcome", "live");
            await Expect(publish.TargetResult("prometheus-b")).ToHaveAttributeAsync("data-outcome", "live");
            await portal.ScreenshotAsync("publish-result");
            Assert.Equal("up{job=\"prometheus\"} > 0.7", await LoadedQueryAsync(0, ns + ".yml", alert));
            Assert.Equal("up{job=\"prometheus\"} > 0.7", await LoadedQueryAsync(1, ns + ".yml", alert));

            await publish.OpenReleasesAsync();
            await Expect(publish.ReleaseRow(firstRelease)).ToBeVisibleAsync();
            await portal.ScreenshotAsync("releases");

            await publish.OpenReleaseAsync(firstRelease);
            await publish.RollbackAsync("E2E: back to the baseline");
            await Expect(publish.Result).ToHaveAttributeAsync("data-status", "live");
            await portal.ScreenshotAsync("release-rollback");
            Assert.Equal("up{job=\"prometheus\"} > 0.5", await LoadedQueryAsync(0, ns + ".yml", alert));
            Assert.Equal("up{job=\"prometheus\"} > 0.5", await LoadedQueryAsync(1, ns + ".yml", alert));
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
