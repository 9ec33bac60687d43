using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class TuningTests(BrowserFixture browser)
{
    private const string Rules = """
        groups:
        - name: tuning-e2e
          interval: 5s
          rules:
          - alert: PrometheusUpForTuning
            expr: up{job="prometheus"} > 0.5
            for: 10s
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.job }} is up ({{ $value }})"
        """;

    private static HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = BrowserFixture.PortalUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("Portal__BootstrapApiToken"));
        return http;
    }

    private static async Task<Guid> ImportRuleAsync()
    {
        using var http = Api();
        // A new namespace needs an owning team.
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        using var import = await http.PostAsync("/api/v1/import?dryRun=false&team=e2e&namespace=tuning-e2e", new StringContent(Rules, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/rules?namespace=tuning-e2e");
        return list.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private static async Task<double> RangeQueriesSoFarAsync()
    {
        // Summed over the replicas: the page's circuit lives on one of them, and the balancer may answer /metrics from another.
        using var http = new HttpClient();
        var total = 0.0;
        foreach (var process in BrowserFixture.ProcessUrls)
        {
            var metrics = await http.GetStringAsync(new Uri(process, "/metrics"));
            var match = Regex.Match(metrics, @"^prometheus_query_duration_seconds_count\{endpoint=""query_range""\} (\S+)$", RegexOptions.Multiline);
            total += match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        return total;
    }

    /// <summary>
    /// The count once it stops moving: a load the page cancelled (the 7-day range it opened with, before
    /// the switch to 1 h) may still finish its shared upstream query in the background.
    /// </summary>
    private static async Task<double> SettledRangeQueriesAsync()
    {
        var last = await RangeQueriesSoFarAsync();
        for (var i = 0; i < 30; i++)
        {
            await Task.Delay(1_000);
            var now = await RangeQueriesSoFarAsync();
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    /// <summary>MudBlazor puts extra attributes on the input itself or on its wrapper, depending on the field.</summary>
    private static ILocator Input(PortalPage portal, string testId) =>
        portal.Page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    [Fact]
    public async Task MovingTheThreshold_ReRunsTheBacktestWithoutANewQuery_AndSavingKeepsItInTheHistory()
    {
        var id = await ImportRuleAsync();

        await PortalPage.VisitAsync(browser.Browser, $"/tuning?rule={id}&range=1h", async portal =>
        {
            // up is a flat line at 1: attached rather than "visible", which needs a height.
            await Expect(portal.Page.GetByTestId("tuning-chart").Locator(".apexcharts-series path").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
            await Expect(portal.Page.GetByTestId("tuning-episodes")).Not.ToHaveTextAsync("0");
            await Expect(portal.Page.GetByTestId("tuning-sweep").Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
            await portal.ScreenshotAsync("tuning-rule");
            var queriesBefore = await RangeQueriesSoFarAsync();

            var threshold = Input(portal, "tuning-threshold");
            await threshold.FillAsync("5");
            await threshold.PressAsync("Tab");

            await Expect(portal.Page.GetByTestId("tuning-episodes")).ToHaveTextAsync("0");
            await Expect(portal.Page.GetByTestId("tuning-alerts-per-week")).ToHaveTextAsync("0");
            Assert.Equal(queriesBefore, await RangeQueriesSoFarAsync());
            await portal.ScreenshotAsync("tuning-moved");

            await Input(portal, "tuning-reason").FillAsync("never page for a healthy target");
            await portal.Page.GetByTestId("tuning-save").ClickAsync();
            await Expect(portal.Page.GetByTestId("threshold-history")).ToContainTextAsync("0.5 → 5");
            await Expect(portal.Page.GetByTestId("threshold-history")).ToContainTextAsync("never page for a healthy target");
            await portal.ScreenshotAsync("tuning-saved");

            Assert.Empty(portal.BrowserErrors);
        });
    }

    /// <summary>
    /// Issue 14: `up == 0` (the starter pack's TargetDown) tuned as an unsaved expression over the default week:
    /// no error, the sweep replaced by its explanation, and on this young stack the coverage warning without a suggestion.
    /// </summary>
    [Fact]
    public async Task ExploreUpEqualsZero_FromTheAddress_TunesWithoutError_WarnsAboutCoverage_AndSuggestsNothing()
    {
        await PortalPage.VisitAsync(browser.Browser, "/tuning?expr=" + Uri.EscapeDataString("up == 0"), async portal =>
        {
            await Expect(portal.Page.GetByTestId("tuning-heatmap")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(portal.Page.GetByTestId("tuning-error")).ToHaveCountAsync(0);
            await Expect(Input(portal, "tuning-expr")).ToHaveValueAsync("up == 0");
            await Expect(portal.Page.GetByTestId("tuning-sweep-unavailable")).ToContainTextAsync("no stricter or looser threshold");
            await Expect(portal.Page.GetByTestId("tuning-coverage-warning")).ToContainTextAsync("too little to advise");
            await Expect(portal.Page.GetByTestId("tuning-suggestion")).ToContainTextAsync("no threshold is suggested");
            await Expect(portal.Page.GetByTestId("tuning-save-as-rule")).ToBeVisibleAsync();
            await portal.ScreenshotAsync("tuning-explore-up-eq-0");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    /// <summary>The heatmap on a live expression: a cell click moves both the threshold and for into the form.</summary>
    [Fact]
    public async Task ExploreHeatmap_ClickingACell_SetsThresholdAndFor()
    {
        var path = "/tuning?range=1h&expr=" + Uri.EscapeDataString("rate(prometheus_http_requests_total[1m]) > 0.05");
        await PortalPage.VisitAsync(browser.Browser, path, async portal =>
        {
            var heatmap = portal.Page.GetByTestId("tuning-heatmap");
            await Expect(heatmap).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(heatmap.GetByTestId("heatmap-row")).ToHaveCountAsync(6);
            await Expect(portal.Page.GetByTestId("tuning-sweep").Locator("svg.apexcharts-svg")).ToBeVisibleAsync();

            var cells = heatmap.Locator(".heatmap-cells > div[data-for='2m']");
            var cell = cells.Nth(await cells.CountAsync() / 3);
            var threshold = double.Parse((await cell.GetAttributeAsync("data-threshold"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("alerts/week", await cell.GetAttributeAsync("title"));
            await cell.ClickAsync();

            await Expect(Input(portal, "tuning-for")).ToHaveValueAsync("2m");
            await Expect(heatmap.Locator(".heatmap-cells > div.current")).ToHaveAttributeAsync("data-for", "2m");
            var shown = double.Parse(await Input(portal, "tuning-threshold").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(threshold, shown, Math.Abs(threshold) * 1e-3 + 1e-9);
            await portal.ScreenshotAsync("tuning-heatmap");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    /// <summary>The editor's Tune on unsaved input opens the tuning page in a new tab with what is typed; the editor keeps it.</summary>
    [Fact]
    public async Task EditorTune_WithAnUnsavedThreshold_OpensExploreInANewTab_AndTheEditorKeepsTheInput()
    {
        var id = await ImportRuleAsync();

        await PortalPage.VisitAsync(browser.Browser, $"/rules/{id}", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.SetThresholdAsync("0.75");

            var tuning = await portal.Page.Context.RunAndWaitForPageAsync(() => portal.Page.GetByTestId("editor-tune").ClickAsync());
            await tuning.WaitForURLAsync(new Regex(@"/tuning\?expr="));
            await Expect(tuning.GetByTestId("tuning-heatmap")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(tuning.Locator("input[data-testid=tuning-expr], [data-testid=tuning-expr] input").First).ToHaveValueAsync("up{job=\"prometheus\"} > 0.75");
            await Expect(tuning.Locator("input[data-testid=tuning-for], [data-testid=tuning-for] input").First).ToHaveValueAsync("10s");
            await Expect(tuning.GetByTestId("tuning-error")).ToHaveCountAsync(0);

            // The editor tab still holds the unsaved threshold.
            await Expect(rules.Yaml).ToContainTextAsync("0.75");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    /// <summary>Issue 5's acceptance path: a starter-pack rule on the live stack, opened from its editor.</summary>
    [Fact]
    public async Task StarterPackRule_OpenedFromTheEditor_ShowsFiringWindowsThatFollowTheThreshold()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules", async portal =>
        {
            var rules = new RulesPageObject(portal);
            await rules.EnsureStarterPackAsync();
            await rules.OpenEditorAsync("portal-stack", "PostgresConnectionsHigh");
            await portal.Page.GetByTestId("editor-tune").ClickAsync();
            // Polls the address: the editor's link navigates inside the circuit, with no load event to wait for.
            await Expect(portal.Page).ToHaveURLAsync(new Regex(@"/tuning\?rule="));

            // A young stack has minutes of data: the last hour shows it at a readable scale.
            await portal.Page.GetByTestId("tuning-range").ClickAsync();
            await portal.Page.GetByRole(AriaRole.Option, new() { Name = "1h", Exact = true }).ClickAsync();
            await Expect(portal.Page).ToHaveURLAsync(new Regex("range=1h"));
            var chart = portal.Page.GetByTestId("tuning-chart");
            await Expect(chart.Locator(".apexcharts-series path").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
            await Expect(Input(portal, "tuning-rule")).ToHaveValueAsync(new Regex("^PostgresConnectionsHigh"));
            // The critical sibling shares the query: its threshold is drawn too.
            await Expect(chart).ToContainTextAsync("sibling 0.95");
            await Expect(portal.Page.GetByTestId("tuning-episodes")).ToHaveTextAsync("0");
            var queriesBefore = await SettledRangeQueriesAsync();

            await Input(portal, "tuning-for").FillAsync("0s");
            var threshold = Input(portal, "tuning-threshold");
            await threshold.FillAsync("0.0001");
            await threshold.PressAsync("Tab");

            // The exporter's own connection keeps the ratio above zero: firing from the first evaluation.
            await Expect(portal.Page.GetByTestId("tuning-episodes")).Not.ToHaveTextAsync("0");
            var windows = chart.Locator(".apexcharts-xaxis-annotations rect");
            await Expect(windows.First).ToBeAttachedAsync();
            await Expect(portal.Page.GetByTestId("tuning-statistics")).ToContainTextAsync("instance=");
            await portal.ScreenshotAsync("tuning-starter-pack-firing");

            // A new value on every run, so a second run against the same database still saves a change.
            var tuned = (0.81 + Random.Shared.Next(0, 9) / 100.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            await threshold.FillAsync(tuned);
            await threshold.PressAsync("Tab");
            await Expect(portal.Page.GetByTestId("tuning-episodes")).ToHaveTextAsync("0");
            await Expect(windows).ToHaveCountAsync(0);
            Assert.Equal(queriesBefore, await RangeQueriesSoFarAsync());

            await Input(portal, "tuning-reason").FillAsync("connection pool grew");
            await portal.Page.GetByTestId("tuning-save").ClickAsync();
            await Expect(portal.Page.GetByTestId("threshold-history")).ToContainTextAsync("→ " + tuned);
            await portal.ScreenshotAsync("tuning-starter-pack-saved");
            Assert.True(portal.BrowserErrors.Count == 0, string.Join("\n", portal.BrowserErrors));
        });
    }
}
