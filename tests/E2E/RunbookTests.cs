using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Runbooks through the browser against the real store: written, read, changed, compared and found again, a draft
/// that survives a reload, and a 200 KB body edited without losing the circuit. Each test uses slugs of its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RunbookTests(BrowserFixture browser)
{

    private static string Steps(string word) => $$"""
        # Summary

        The disk of the {{word}} host fills up.

        # Immediate actions

        1. Free space in /var/log.
        2. Check the growth:

        ```promql
        node_filesystem_avail_bytes{mountpoint="/"}
        ```
        """;

    [Fact]
    public async Task Create_View_Edit_AndCompareTheRevisions()
    {
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        var slug = RunbooksPageObject.UniqueSlug("e2e-disk");
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        await PortalPage.VisitAsync(browser.Browser, "/runbooks/new", async portal =>
        {
            var runbooks = new RunbooksPageObject(portal);
            // The slug follows the title until it is edited.
            await runbooks.Field("runbook-title").FillAsync("Disk full on the log host");
            await Expect(runbooks.Field("runbook-slug")).ToHaveValueAsync("disk-full-on-the-log-host");

            await runbooks.FillNewAsync($"Disk full ({slug})", slug, RulesPageObject.E2eTeam, Steps(word), "first version");
            await Expect(runbooks.Preview).ToContainTextAsync("Free space in /var/log");
            await portal.ScreenshotAsync("runbook-editor-new");
            await runbooks.SaveAsync(slug);

            await Expect(portal.Heading).ToHaveTextAsync($"Disk full ({slug})");
            await Expect(portal.Page.GetByTestId("runbook-body")).ToContainTextAsync("Free space in /var/log");
            await Expect(portal.Page.GetByTestId("runbook-team")).ToContainTextAsync(RulesPageObject.E2eTeam);
            await portal.ScreenshotAsync("runbook-view");

            await portal.Page.GetByTestId("runbook-edit").ClickAsync();
            await Expect(runbooks.Body).ToHaveValueAsync(Steps(word));
            await runbooks.BodyReadyAsync();
            await runbooks.Body.FillAsync(Steps(word) + "\n3. Page the storage team.\n");
            await runbooks.Field("runbook-reason").FillAsync("escalation step");
            await Expect(runbooks.Preview).ToContainTextAsync("Page the storage team");
            await runbooks.SaveAsync(slug);
            await Expect(portal.Page.GetByTestId("runbook-body")).ToContainTextAsync("Page the storage team");

            await portal.Page.GetByTestId("runbook-history").ClickAsync();
            await Expect(portal.Page.GetByTestId("runbook-revision")).ToHaveCountAsync(2);
            await Expect(portal.Page.GetByTestId("runbook-revisions")).ToContainTextAsync("escalation step");
            await Expect(portal.Page.Locator("[data-testid=runbook-diff] [data-kind=added]")).ToContainTextAsync("Page the storage team");
            await portal.ScreenshotAsync("runbook-history");

            // Search finds it by a word of its body, with the word marked.
            await portal.GoToAsync("/runbooks");
            await runbooks.Field("runbooks-search").FillAsync(word);
            await Expect(portal.Page.GetByTestId("runbook-hit")).ToHaveCountAsync(1);
            await Expect(portal.Page.Locator("[data-testid=runbook-snippet] mark").First).ToHaveTextAsync(word);
            await portal.ScreenshotAsync("runbooks-search");

            // The health view is one click away from the list.
            await portal.Page.GetByTestId("runbooks-health").ClickAsync();
            await Expect(portal.Heading).ToHaveTextAsync("Runbook health");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task AnUnsavedDraft_SurvivesAReload_AndIsOfferedBack()
    {
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        var slug = RunbooksPageObject.UniqueSlug("e2e-draft");
        await PortalPage.VisitAsync(browser.Browser, "/runbooks/new", async portal =>
        {
            var runbooks = new RunbooksPageObject(portal);
            await runbooks.FillNewAsync($"Draft ({slug})", slug, RulesPageObject.E2eTeam, "# Steps\n\nSaved text.\n", "first");
            await runbooks.SaveAsync(slug);

            await portal.GoToAsync($"/runbooks/{slug}/edit");
            await runbooks.BodyReadyAsync();
            await runbooks.Body.PressAsync("Control+End");
            await runbooks.Body.PressSequentiallyAsync("Typed but never saved.");
            // What a dropped connection or a closed tab does to a form: the page is gone.
            await portal.GoToAsync($"/runbooks/{slug}/edit");

            await portal.Page.GetByTestId("runbook-draft-restore").ClickAsync();
            await Expect(runbooks.Body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Typed but never saved\\.$"));
            await portal.ScreenshotAsync("runbook-editor-draft-restored");
            await runbooks.SaveAsync(slug);
            await Expect(portal.Page.GetByTestId("runbook-body")).ToContainTextAsync("Typed but never saved.");

            // Saving cleared the draft: nothing is offered any more.
            await portal.GoToAsync($"/runbooks/{slug}/edit");
            await Expect(runbooks.Body).ToBeVisibleAsync();
            await Expect(portal.Page.GetByTestId("runbook-draft")).ToHaveCountAsync(0);
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task Editing_A200KbRunbook_KeepsTheCircuit()
    {
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        var slug = RunbooksPageObject.UniqueSlug("e2e-big");
        var big = string.Concat(Enumerable.Range(0, 5000).Select(i => $"- step {i}: check the replica lag and the disk\n"));
        Assert.True(big.Length > 200_000);
        await PortalPage.VisitAsync(browser.Browser, "/runbooks/new", async portal =>
        {
            var runbooks = new RunbooksPageObject(portal);
            await runbooks.FillNewAsync($"Big ({slug})", slug, RulesPageObject.E2eTeam, "short", "a long one");
            await runbooks.PasteBodyAsync(big);
            await Expect(runbooks.Preview).ToContainTextAsync("step 4999", new() { Timeout = 15_000 });
            // Keystrokes into a 200 KB box: each one stays in the browser until the pause.
            await runbooks.Body.PressAsync("Control+End");
            await runbooks.Body.PressSequentiallyAsync("- the last step, typed", new() { Delay = 20 });
            await Expect(runbooks.Preview).ToContainTextAsync("the last step, typed", new() { Timeout = 15_000 });
            await runbooks.SaveAsync(slug);

            await Expect(portal.Page.GetByTestId("runbook-body")).ToContainTextAsync("the last step, typed");
            await Expect(portal.Page.Locator("#components-reconnect-modal[open], .components-reconnect-show")).ToHaveCountAsync(0);
            Assert.Empty(portal.BrowserErrors);
        });
    }

    /// <summary>
    /// Issue 16's whole path: a runbook started from the template with a live PromQL block, linked from a rule's editor,
    /// published, and the runbook_url Prometheus reports for the alert leads back to the runbook's page.
    /// </summary>
    [Fact]
    public async Task ARunbookFromTheTemplate_WithALiveBlock_LinkedToARule_IsWhereThePublishedRunbookUrlLeads()
    {
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        var ns = RulesPageObject.UniqueNamespace("e2e-rb");
        var alert = "E2eRunbookLinked" + Guid.NewGuid().ToString("N")[..6];
        var slug = RunbooksPageObject.UniqueSlug("e2e-linked");
        using var api = People.AdminApi();
        var yaml = $"groups:\n- name: rb\n  rules:\n  - alert: {alert}\n    expr: up == 0\n    for: 5m\n    labels:\n      severity: critical\n    annotations:\n      summary: a target is down\n";
        using (var import = await api.PostAsync($"/api/v1/import?dryRun=false&team={RulesPageObject.E2eTeam}&namespace={ns}",
                   new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml")))
        {
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        }

        await PortalPage.VisitAsync(browser.Browser, "/runbooks/new", async portal =>
        {
            var runbooks = new RunbooksPageObject(portal);
            // The default template gives the sections on-call people look for; the live block goes under Detection.
            await Expect(runbooks.Body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Immediate actions"));
            var fromTemplate = await runbooks.Body.InputValueAsync();
            await runbooks.FillNewAsync($"Targets down ({slug})", slug, RulesPageObject.E2eTeam,
                fromTemplate + "\n\n## Live\n\n```promql range=15m\nup\n```\n", "from the template");
            await runbooks.SaveAsync(slug);

            // The template brings a live block of its own; ours is the last.
            var live = portal.Page.GetByTestId("live-promql").Last;
            await Expect(live.GetByTestId("live-promql-query")).ToHaveTextAsync("up");
            await Expect(live.Locator("svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(live.GetByTestId("live-promql-tuning")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/tuning\\?expr=up"));
            await portal.ScreenshotAsync("runbook-live-block");

            var rules = new RulesPageObject(portal);
            await rules.OpenEditorAsync(ns, alert);
            await Expect(portal.Page.GetByTestId("editor-findings")).ToContainTextAsync("missing-runbook");
            await People.Field(portal.Page, "runbook-link-search").FillAsync(slug);
            await portal.Page.GetByRole(AriaRole.Option).Filter(new() { HasText = slug }).First.ClickAsync();
            await portal.Page.GetByTestId("runbook-link-save").ClickAsync();
            await Expect(portal.Page.GetByTestId("runbook-link-current")).ToHaveTextAsync($"Targets down ({slug})");
            await Expect(portal.Page.GetByTestId("editor-findings")).Not.ToContainTextAsync("missing-runbook");
            await portal.ScreenshotAsync("rule-runbook-linked");
            Assert.Empty(portal.BrowserErrors);
        });

        using (var published = await api.PostAsJsonAsync("/api/v1/publish", new { note = "E2E runbook link", confirm = true, namespaces = new[] { ns } }))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        // What Prometheus itself reports for the alert, not what the portal meant to write.
        var prometheus = new Uri(Environment.GetEnvironmentVariable("Prometheus__Url") ?? throw new InvalidOperationException("Prometheus__Url is not set"));
        using var http = new HttpClient { BaseAddress = prometheus };
        var rulesJson = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/rules?type=alert&rule_name[]={alert}");
        var runbookUrl = rulesJson.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Single(r => r.GetProperty("name").GetString() == alert)
            .GetProperty("annotations").GetProperty("runbook_url").GetString();
        Assert.Equal(new Uri(BrowserFixture.PortalUrl, "/runbooks/" + slug).ToString(), runbookUrl);

        await PortalPage.VisitAsync(browser.Browser, new Uri(runbookUrl!).PathAndQuery, async portal =>
        {
            await Expect(portal.Heading).ToHaveTextAsync($"Targets down ({slug})");
            await Expect(portal.Page.GetByTestId("runbook-linked-rules")).ToContainTextAsync(alert);
            await portal.ScreenshotAsync("runbook-from-runbook-url");
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
