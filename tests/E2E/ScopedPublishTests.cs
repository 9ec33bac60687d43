using System.Net.Http.Json;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Issue 13's self-service promise: a Publisher of team A publishes A's change while team B has an
/// unfinished change of its own; B's namespace is listed as not in the release and its file on disk
/// stays exactly as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ScopedPublishTests(BrowserFixture browser)
{
    private static string Rules(string alert, string threshold) =>
        $"groups:\n- name: scoped\n  rules:\n  - alert: {alert}\n    expr: up{{job=\"prometheus\"}} > {threshold}\n    labels:\n      severity: warning\n";

    private static async Task ImportAsync(HttpClient api, string @namespace, string team, string yaml)
    {
        using var imported = await api.PostAsJsonAsync("/api/v1/import?dryRun=false", new { text = yaml, @namespace, team });
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
    }

    private static string OnDisk(string @namespace) =>
        Path.Combine(Environment.GetEnvironmentVariable("Publishing__Targets__0__RulesDirectory")
            ?? throw new InvalidOperationException("Publishing__Targets__0__RulesDirectory is not set: run through ./portal test."), @namespace + ".yml");

    [Fact]
    public async Task TeamAPublishesItsNamespace_WhileTeamBsUnpublishedChangeStaysOffDisk()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (teamA, teamB, publisher) = ($"pub-a-{suffix}", $"pub-b-{suffix}", $"publisher-{suffix}");
        var (nsA, nsB, nsHeld) = ($"scoped-a-{suffix}", $"scoped-b-{suffix}", $"scoped-held-{suffix}");

        await PortalPage.VisitAsync(browser.Browser, "/admin", async admin =>
        {
            await People.AddTeamAsync(admin.Page, teamA);
            await People.AddTeamAsync(admin.Page, teamB);
            await People.AddUserAsync(admin.Page, publisher, teamA);
            await People.GrantAsync(admin.Page, publisher, "Editor", "Publisher");
        });

        using var api = People.AdminApi();
        await ImportAsync(api, nsA, teamA, Rules("ScopedA", "0.5"));
        await ImportAsync(api, nsB, teamB, Rules("ScopedB", "0.5"));
        var baseline = await api.PostAsJsonAsync("/api/v1/publish", new { note = "E2E: both teams' baseline", confirm = true, namespaces = new[] { nsA, nsB } });
        Assert.True(baseline.IsSuccessStatusCode, await baseline.Content.ReadAsStringAsync());
        var before = await File.ReadAllTextAsync(OnDisk(nsB));

        // Both teams change their rules; B's change is half-finished and must not ship with A's. A also has a
        // namespace lint stops (a quantile over buckets without `le`): held back, and listed before anything else.
        await ImportAsync(api, nsA, teamA, Rules("ScopedA", "0.7"));
        await ImportAsync(api, nsB, teamB, Rules("ScopedB", "0.9"));
        await ImportAsync(api, nsHeld, teamA,
            "groups:\n- name: held\n  rules:\n  - alert: ScopedHeld\n    expr: histogram_quantile(0.9, sum by (job) (rate(http_request_duration_seconds_bucket[5m]))) > 1\n");

        var portal = await People.SignInAsync(browser.Browser, publisher);
        try
        {
            var publish = new PublishPageObject(portal);
            await publish.OpenAsync();
            await Expect(publish.NamespaceRow(nsA)).ToHaveAttributeAsync("data-status", "changed");
            await Expect(publish.NamespaceRow(nsHeld)).ToHaveAttributeAsync("data-status", "held back");
            var first = portal.Page.GetByTestId("plan-namespaces").GetByTestId("namespace-row").First;
            await Expect(first).ToHaveAttributeAsync("data-namespace", nsHeld);
            // Other teams' changes are folded away under their own heading; opened, B is there and says why it waits.
            await portal.Page.GetByTestId("plan-not-in-release-toggle").ClickAsync();
            await Expect(publish.NamespaceRow(nsB)).ToHaveAttributeAsync("data-status", "not in this release");
            await Expect(publish.NamespaceRow(nsB)).ToContainTextAsync("1 rule change waiting");
            await Expect(portal.Page.GetByTestId("summary-not-in-release")).ToBeVisibleAsync();
            await portal.ScreenshotAsync("publish-scoped-plan");

            await publish.PublishAsync("E2E: team A's threshold");
            await Expect(publish.TargetResult("prometheus-a")).ToHaveAttributeAsync("data-outcome", "live");
            await portal.ScreenshotAsync("publish-scoped-result");
            Assert.Empty(portal.BrowserErrors);
        }
        finally
        {
            await portal.CloseAsync();
        }

        Assert.Equal(before, await File.ReadAllTextAsync(OnDisk(nsB)));
        Assert.Contains("> 0.7", await File.ReadAllTextAsync(OnDisk(nsA)));
        Assert.False(File.Exists(OnDisk(nsHeld)));
    }
}
