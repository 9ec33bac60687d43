using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Issue 18 through the browser: a firing alert becomes an incident written from the postmortem template, gets timeline
/// entries and an action item, is resolved, says whether another threshold would have fired earlier, and exports as Markdown.
/// </summary>
[Collection(BrowserCollection.Name)]
public class IncidentTests(BrowserFixture browser)
{
    /// <summary>
    /// A ramp that starts at the moment of publishing and crosses 60 a minute later: the incident's window (which starts an
    /// hour before the incident) sees it below every threshold first, so a lower threshold would have fired earlier. A
    /// periodic signal would not do: the window can start on a high phase, and then nothing fires earlier than the rule.
    /// </summary>
    private const string Alert = "E2eIncidentRamp";

    private static HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("Portal__BootstrapApiToken"));
        return http;
    }

    private static async Task<string> PublishRampAsync()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-incident");
        using var http = Api();
        var origin = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var yaml = $"groups:\n- name: incident-e2e\n  rules:\n  - alert: {Alert}\n    expr: vector(time() - {origin}) > 60\n    labels:\n      severity: critical\n      service: e2e-incident\n"
            + "    annotations:\n      summary: the ramp is high\n";
        using var team = await http.PostAsJsonAsync("/api/v1/teams", new { name = "e2e" });
        using var import = await http.PostAsync($"/api/v1/import?dryRun=false&team=e2e&namespace={ns}", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
        var imported = await import.Content.ReadAsStringAsync();
        Assert.True(import.IsSuccessStatusCode && imported.Contains(Alert, StringComparison.Ordinal), imported);
        using var published = await http.PostAsJsonAsync("/api/v1/publish", new { note = "E2E incident", confirm = true, namespaces = new[] { ns } });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return ns;
    }

    [Fact]
    public async Task FromAFiringAlert_Postmortem_Timeline_Action_Resolve_EarlierDetection_AndExport()
    {
        var ns = await PublishRampAsync();

        await PortalPage.VisitAsync(browser.Browser, $"/alerts?q={ns}", async portal =>
        {
            // Prometheus evaluates every 5 s and the portal reads it at most every 12 s; the ramp is over 60 a minute after publishing.
            var start = portal.Page.Locator("[data-testid=alert-row][data-state=firing] [data-testid=alert-start-incident]");
            for (var attempt = 0; attempt < 30 && await start.CountAsync() == 0; attempt++)
            {
                await portal.Page.WaitForTimeoutAsync(5_000);
                await portal.GoToAsync($"/alerts?q={ns}");
            }

            await start.First.ClickAsync();
            await Expect(portal.Heading).ToHaveTextAsync("Start incident");
            await Expect(portal.Page.GetByTestId("new-incident-alert")).ToContainTextAsync(Alert);
            await Expect(portal.Page.GetByTestId("new-incident-rule")).ToContainTextAsync(Alert);
            await portal.ScreenshotAsync("incident-new");
            await People.Field(portal.Page, "new-incident-title").FillAsync($"Ramp high ({ns})");
            await portal.Page.GetByTestId("new-incident-start").ClickAsync();

            await Expect(portal.Heading).ToContainTextAsync($"Ramp high ({ns})", new() { Timeout = 30_000 });
            await Expect(portal.Page.GetByTestId("incident-severity")).ToHaveTextAsync("SEV-1");
            await Expect(portal.Page.GetByTestId("incident-threshold")).ToContainTextAsync("> 60");
            // The postmortem template, filled in from the alert.
            await Expect(portal.Page.GetByTestId("incident-preview")).ToContainTextAsync(Alert);
            await Expect(portal.Page.Locator("[data-testid=timeline-entry][data-automatic=true]").First).ToBeVisibleAsync();

            await portal.Page.GetByTestId("timeline-kind").ClickAsync();
            await portal.Page.GetByRole(AriaRole.Option, new() { Name = "Acknowledged", Exact = true }).ClickAsync();
            await People.Field(portal.Page, "timeline-text").FillAsync("The on-call engineer is on it");
            await portal.Page.GetByTestId("timeline-add").ClickAsync();
            await Expect(portal.Page.GetByTestId("incident-timeline")).ToContainTextAsync("The on-call engineer is on it");
            // An acknowledged entry starts the clock the severity's expected response time is held against.
            await Expect(portal.Page.GetByTestId("incident-times")).Not.ToContainTextAsync("To acknowledge: —");
            await People.Field(portal.Page, "timeline-text").FillAsync("Stopped the ramp");
            await portal.Page.GetByTestId("timeline-add").ClickAsync();
            await Expect(portal.Page.GetByTestId("incident-timeline")).ToContainTextAsync("Stopped the ramp");

            // A time as people say it during an incident; a wrong one is said at the field and the text stays.
            await People.Field(portal.Page, "timeline-text").FillAsync("Paged the database owner");
            await People.Field(portal.Page, "timeline-at").FillAsync("a while back");
            await portal.Page.GetByTestId("timeline-add").ClickAsync();
            await Expect(portal.Page.GetByTestId("incident-timeline")).ToContainTextAsync("is not a time");
            await Expect(People.Field(portal.Page, "timeline-text")).ToHaveValueAsync("Paged the database owner");
            await People.Field(portal.Page, "timeline-at").FillAsync("20m ago");
            await portal.Page.GetByTestId("timeline-add").ClickAsync();
            await Expect(portal.Page.GetByTestId("incident-timeline")).ToContainTextAsync("Paged the database owner");

            // Reading ALERTS again finds what the start found: nothing is added twice.
            // (Other tests' alerts on the same instance may start meanwhile and be added; this alert's entries may not.)
            var automatic = portal.Page.Locator("[data-testid=timeline-entry][data-automatic=true]").Filter(new() { HasText = Alert });
            var before = await automatic.CountAsync();
            await portal.Page.GetByTestId("timeline-refresh").ClickAsync();
            await Expect(portal.Page.Locator(".mud-snackbar")).ToContainTextAsync("already on the timeline");
            Assert.Equal(before, await automatic.CountAsync());

            await portal.Page.GetByTestId("action-new").ClickAsync();
            await People.Field(portal.Page, "action-text").FillAsync("Alert on the trend, not the peak");
            await People.Field(portal.Page, "action-due").FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd"));
            await portal.Page.GetByTestId("action-save").ClickAsync();
            await Expect(portal.Page.GetByTestId("action-item")).ToContainTextAsync("Alert on the trend, not the peak");
            await portal.Page.GetByTestId("action-new").ClickAsync();
            await People.Field(portal.Page, "action-text").FillAsync("Written twice by mistake");
            await portal.Page.GetByTestId("action-save").ClickAsync();
            await Expect(portal.Page.GetByTestId("action-item")).ToHaveCountAsync(2);
            await portal.Page.GetByTestId("action-delete").Last.ClickAsync();
            await portal.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await Expect(portal.Page.GetByTestId("action-item")).ToHaveCountAsync(1);
            await portal.ScreenshotAsync("incident-open");

            foreach (var status in new[] { "Identified", "Monitoring", "Resolved" })
            {
                await portal.Page.GetByTestId("incident-next").ClickAsync();
                await Expect(portal.Page.GetByTestId("incident-status")).ToHaveTextAsync(status);
            }

            await Expect(portal.Page.GetByTestId("incident-earlier-sentence").First).ToContainTextAsync("earlier", new() { Timeout = 60_000 });
            await Expect(portal.Page.GetByTestId("incident-earlier-tune").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("threshold="));
            // Every change above was this page's own: none of their notices, however late, reads as someone else's.
            await Expect(portal.Page.GetByTestId("live-changed")).ToHaveCountAsync(0);
            await portal.ScreenshotAsync("incident-resolved");

            var download = await portal.Page.RunAndWaitForDownloadAsync(() => portal.Page.GetByTestId("incident-export").ClickAsync());
            var path = await download.PathAsync();
            var markdown = await File.ReadAllTextAsync(path);
            Assert.Contains(Alert, markdown);
            Assert.Contains("60", markdown);
            Assert.Contains("Stopped the ramp", markdown);

            await portal.Page.GetByTestId("incident-print").ClickAsync();
            await Expect(portal.Page.GetByTestId("incident-print-page")).ToContainTextAsync("Stopped the ramp");
            await Expect(portal.Page.Locator("nav")).ToHaveCountAsync(0);
            // The postmortem has its own Timeline heading; the portal's current one is named apart from it.
            await Expect(portal.Page.GetByTestId("print-timeline-heading")).ToHaveTextAsync("Timeline (current)");
            // The stored chart is on paper too, drawn from the incident's own points.
            await Expect(portal.Page.GetByTestId("print-chart").Locator("svg").First).ToBeVisibleAsync();
            await Expect(portal.Page.GetByTestId("print-chart-taken")).ToContainTextAsync("Stored");
            await portal.ScreenshotAsync("incident-print");

            await portal.GoToAsync("/incidents/actions");
            await Expect(portal.Page.GetByTestId("open-actions")).ToContainTextAsync("Alert on the trend, not the peak");
            await portal.GoToAsync("/incidents?status=Resolved&q=" + Uri.EscapeDataString("Ramp"));
            await Expect(portal.Page.GetByTestId("incidents-table")).ToContainTextAsync(ns);
            await portal.ScreenshotAsync("incidents-list");
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
