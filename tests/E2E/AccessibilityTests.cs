using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Every page of the navigation, signed in as the admin, in the light and the dark theme, checked by
/// axe-core against the WCAG 2 A and AA rules: any violation fails the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture browser)
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>The sample namespace's rules, published once and one of them deleted, so the pages that show data have some.</summary>
    private const string SampleRules = """
        groups:
        - name: a11y-sample
          rules:
          - alert: SampleTargetDown
            expr: up{job="prometheus"} == 0
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: A scrape target is down
          - alert: SampleAlwaysFiring
            expr: up{job="prometheus"} > 0
            labels:
              severity: warning
          - record: job:up:sum
            expr: sum by (job) (up)
          - alert: SampleDeleted
            expr: up == 0
        """;

    private static readonly Lazy<Task<Sample>> Data = new(CreateSampleAsync);

    public static TheoryData<string, string> Pages()
    {
        string[] pages =
        [
            "/", "/rules", "{rule}", "/rules/new", "{namespace}", "{namespace}/review", "{namespace}/trash",
            "/alerts", "/tuning", "/publish", "/releases", "{release}", "/runbooks", "/incidents", "/status",
            "/capacity", "/admin", "/me", "{runbook}", "{runbook}/edit", "{runbook}/history", "/runbooks/new", "/runbooks/health",
            "/incidents/new", "{incident}", "{incident}/print", "/incidents/actions", "/incidents/templates", "/incidents/severity-levels",
        ];
        var data = new TheoryData<string, string>();
        foreach (var theme in new[] { "light", "dark" })
        {
            // A print page is light whatever the screen's theme, and has no switch to press.
            foreach (var page in pages.Where(p => theme == "light" || !p.EndsWith("/print", StringComparison.Ordinal)))
            {
                data.Add(page, theme);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoWcagAViolations(string page, string theme)
    {
        var sample = await Data.Value;
        var path = page.Replace("{rule}", $"/rules/{sample.RuleId:D}")
            .Replace("{namespace}", $"/rules/namespaces/{sample.Namespace}")
            .Replace("{release}", $"/releases/{sample.Release}")
            .Replace("{runbook}", $"/runbooks/{sample.Runbook}")
            .Replace("{incident}", $"/incidents/{sample.Incident:D}");

        await PortalPage.VisitAsync(browser.Browser, path, async portal =>
        {
            if (theme == "dark")
            {
                await portal.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
                await Expect(portal.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
                // Away from the button, so its tooltip is not part of what is checked.
                await portal.Page.Mouse.MoveAsync(700, 880);
            }

            await SettleAsync(portal.Page);
            var violations = await AxeAsync(portal.Page);
            var name = "a11y-" + (page == "/" ? "home" : page.Trim('/').Replace('/', '-').Replace("{", "").Replace("}", "")) + "-" + theme;
            await portal.ScreenshotAsync(name);

            Assert.True(violations.Count == 0, $"axe found on {path} ({theme}):\n{Describe(violations)}");
        }, bypassCsp: true);
    }

    /// <summary>
    /// Waits until the page has loaded its data: the circuit is up (PortalPage did that), no loading bar or
    /// spinner is left, and transitions are off, so axe never measures a colour halfway through a fade.
    /// </summary>
    private static async Task SettleAsync(IPage page)
    {
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        await Expect(page.Locator(".mud-progress-linear, .mud-progress-circular, .mud-skeleton")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.WaitForTimeoutAsync(500);
    }

    /// <summary>axe's WCAG 2 A/AA violations on the page, or only within the elements <paramref name="include"/> selects.</summary>
    internal static async Task<List<Violation>> AxeAsync(IPage page, string? include = null)
    {
        var script = Path.Combine(BrowserFixture.RepositoryRoot(), "src", "Portal", "ClientApp", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"No {script}: build the portal first (its build runs npm ci in src/Portal/ClientApp).");
        }

        await page.AddScriptTagAsync(new() { Path = script });
        var json = await page.EvaluateAsync<JsonElement>("""
            async (include) => {
              const result = await axe.run(include ? { include: [include] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
              return result.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
              }));
            }
            """, include);
        return json.Deserialize<List<Violation>>(WebJson)!;
    }

    internal static string Describe(List<Violation> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"- {v.Id} ({v.Impact}, {v.Nodes.Count} nodes): {v.Help}");
            foreach (var node in v.Nodes.Take(4))
            {
                var why = node.Summary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).FirstOrDefault();
                text.AppendLine($"    {node.Target}{(why is null ? "" : "  — " + why)}");
            }
        }

        return text.ToString();
    }

    private static async Task<Sample> CreateSampleAsync()
    {
        var ns = RulesPageObject.UniqueNamespace("e2e-a11y");
        using var api = People.AdminApi();
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        using (var import = await api.PostAsync($"/api/v1/import?dryRun=false&team=e2e&namespace={ns}", new StringContent(SampleRules, Encoding.UTF8, "application/yaml")))
        {
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        }

        using (var published = await api.PostAsJsonAsync("/api/v1/publish", new { note = "E2E accessibility sample", confirm = true, namespaces = new[] { ns } }))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        var rules = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/rules?namespace={ns}")).GetProperty("items").EnumerateArray().ToList();
        var deleted = rules.Single(r => r.GetProperty("name").GetString() == "SampleDeleted");
        using (var delete = await api.DeleteAsync($"/api/v1/rules/{deleted.GetProperty("id").GetGuid()}?version={deleted.GetProperty("version").GetUInt32()}"))
        {
            Assert.True(delete.IsSuccessStatusCode, await delete.Content.ReadAsStringAsync());
        }

        var release = (await api.GetFromJsonAsync<JsonElement>("/api/v1/releases"))[0].GetProperty("number").GetInt64();
        var rule = rules.First(r => r.GetProperty("name").GetString() == "SampleTargetDown").GetProperty("id").GetGuid();

        // A runbook with a table, a task list, code and a live block, linked from the rule and edited once (so history has two revisions).
        var runbook = RunbooksPageObject.UniqueSlug("a11y");
        var body = "# Summary\n\nTargets stop answering.\n\n## Detection\n\n```promql\nup == 0\n```\n\n| Check | Where |\n|---|---|\n| scrape errors | /targets |\n\n- [x] page the owner\n- [ ] open an incident\n";
        using (var created = await api.PostAsJsonAsync("/api/v1/runbooks", new { slug = runbook, title = "Sample: targets down", tags = new[] { "sample" }, team = "e2e", body, reviewIntervalDays = 1 }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetUInt32();
            using var edited = await api.PutAsJsonAsync($"/api/v1/runbooks/{runbook}", new { slug = runbook, title = "Sample: targets down", tags = new[] { "sample" }, team = "e2e", body = body + "\nEscalate after 15 minutes.\n", reviewIntervalDays = 1, version });
            Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        }

        using (var link = await api.PutAsJsonAsync($"/api/v1/rules/{rule:D}/runbook", new { slug = runbook }))
        {
            Assert.True(link.IsSuccessStatusCode, await link.Content.ReadAsStringAsync());
        }

        Guid incident;
        using (var started = await api.PostAsJsonAsync("/api/v1/incidents", new { title = "Sample: targets down", template = "postmortem", ruleId = rule }))
        {
            var answer = await started.Content.ReadAsStringAsync();
            Assert.True(started.IsSuccessStatusCode, answer);
            incident = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetGuid();
        }

        using (var action = await api.PostAsJsonAsync($"/api/v1/incidents/{incident:D}/actions", new { text = "Alert before the disk is full", owner = "e2e", status = "Open" }))
        {
            Assert.True(action.IsSuccessStatusCode, await action.Content.ReadAsStringAsync());
        }

        return new Sample(ns, rule, release, runbook, incident);
    }

    private sealed record Sample(string Namespace, Guid RuleId, long Release, string Runbook, Guid Incident);

    internal sealed record Violation(string Id, string? Impact, string Help, List<ViolationNode> Nodes);

    internal sealed record ViolationNode(string Target, string Summary);
}
