using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Health;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Health;

/// <summary>The Health page's report against the test stack: both Prometheus servers, their targets, promtool, the rules directories.</summary>
// With the publisher's tests: they write into the same rules directories, and one leaves a broken file there for a
// moment, which makes Prometheus refuse every reload in that moment (rule files load all or nothing).
[Collection(Portal.Tests.Integration.Publishing.PublishingStack.Collection)]
public sealed class StatusReportTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    /// <summary>The jobs deploy/stack/prometheus.yml.tmpl gives both servers; the portal's own only answers while a test portal runs.</summary>
    private static readonly string[] StackJobs = ["node", "postgres", "prometheus", "redis"];

    private IStatusReporter Reporter => api.Portal.Services.GetRequiredService<IStatusReporter>();

    /// <summary>A freshly started stack reports targets as "unknown" until their first scrape: ask again for a while.</summary>
    private async Task<StatusReport> ReportWithStackTargetsUpAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var report = await Reporter.ReportAsync(default);
            var stackTargets = report.Targets.Items.Where(j => StackJobs.Contains(j.Job)).ToList();
            if ((stackTargets.Count == 2 * StackJobs.Length && stackTargets.All(j => j.AllUp)) || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(1000);
        }
    }

    [Fact]
    public async Task Report_ListsBothPrometheusServersReachable_WithReloadSuccessful_AndWritableRulesDirectories()
    {
        var report = await Reporter.ReportAsync(default);

        var servers = report.Servers.ToDictionary(s => s.Name);
        Assert.Equal(["prometheus-a", "prometheus-b"], servers.Keys.Order());
        foreach (var server in servers.Values)
        {
            Assert.True(server.Problem is null, server.Problem);
            Assert.StartsWith("2.", server.Version);
            Assert.True(server.ReloadSuccessful);
            Assert.True(server.RulesDirectoryWritable, server.RulesDirectoryProblem);
            Assert.True(Directory.Exists(server.RulesDirectory));
            // The probe file is gone: only what publishing wrote is there.
            Assert.DoesNotContain(Directory.GetFiles(server.RulesDirectory!), f => Path.GetFileName(f).Contains("portal-health"));
        }

        // The query server is prometheus-a's URL, so it is one entry with both names.
        Assert.Contains(StatusReporter.QueryServerName, servers["prometheus-a"].Names);
    }

    [Fact]
    public async Task Report_ListsEveryStackJobOfBothServers_AllUp()
    {
        var report = await ReportWithStackTargetsUpAsync();

        foreach (var server in new[] { "prometheus-a", "prometheus-b" })
        {
            foreach (var job in StackJobs)
            {
                var listed = Assert.Single(report.Targets.Items, j => j.Server == server && j.Job == job);
                Assert.True(listed.AllUp, $"{server}/{job}: {listed.Up}/{listed.Total} up; {string.Join("; ", listed.Targets.Select(t => t.LastError))}");
                Assert.All(listed.Targets, t => Assert.NotNull(t.LastScrapeSeconds));
            }

            Assert.Contains(report.Targets.Items, j => j.Server == server && j.Job == "portal");
        }

        Assert.Equal(0, report.Targets.Omitted);
    }

    [Fact]
    public async Task Report_FindsPromtool_AndItsVersion()
    {
        var report = await Reporter.ReportAsync(default);

        Assert.True(report.Promtool.Found, report.Promtool.Problem);
        Assert.True(File.Exists(report.Promtool.Path));
        Assert.Matches(@"^\d+\.\d+\.\d+", report.Promtool.Version);
    }

    [Fact]
    public async Task Report_ListsARuleWhoseEvaluationFails_WithItsError_AndItsGroupsShareOfInterval()
    {
        // A hand-made file on prometheus-b (the portal never writes this name): one rule that evaluates, one that fails
        // at every evaluation (several series on the "one" side of a group_left).
        var directory = Environment.GetEnvironmentVariable("Publishing__Targets__1__RulesDirectory")
            ?? throw new InvalidOperationException("Publishing__Targets__1__RulesDirectory is not set: run under ./portal test or source the stack's env");
        var group = "health-test-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(directory, group + ".yml");
        await File.WriteAllTextAsync(file, $"""
            groups:
              - name: {group}
                interval: 5s
                rules:
                  - record: health_test:ok
                    expr: sum(up)
                  - record: health_test:fails
                    expr: up + on() group_left() up
            """);
        // Other tests' groups may be slower than this one: list every group, not only the slowest ten.
        api.Portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<StatusOptions>>().CurrentValue.SlowestGroups = 10_000;
        var prometheusB = new Uri(Environment.GetEnvironmentVariable("Publishing__Targets__1__Url")!);
        using var http = new HttpClient { BaseAddress = prometheusB };
        try
        {
            (await http.PostAsync("-/reload", null)).EnsureSuccessStatusCode();
            Portal.Domain.Health.FailingRule? failing = null;
            Portal.Domain.Health.GroupTiming? timing = null;
            var deadline = DateTime.UtcNow.AddSeconds(40);
            for (var round = 1; (failing is null || timing is null) && DateTime.UtcNow < deadline; round++)
            {
                await Task.Delay(1000);
                if (round % 5 == 0)
                {
                    // A reload refused while someone else's file was broken is not retried by Prometheus itself.
                    await http.PostAsync("-/reload", null);
                }

                var report = await Reporter.ReportAsync(default);
                failing = report.FailingRules.Items.FirstOrDefault(r => r.Group == group);
                timing = report.SlowestGroups.Items.FirstOrDefault(g => g.Group == group);
            }

            Assert.NotNull(failing);
            Assert.Equal(("prometheus-b", "health_test:fails", 1), (failing.Server, failing.Name, failing.Occurrence));
            Assert.Contains("duplicate series", failing.Error);
            Assert.Null(failing.CatalogRuleId);
            Assert.NotNull(timing);
            Assert.Equal(5, timing.IntervalSeconds);
            Assert.Equal(timing.EvaluationSeconds / 5, timing.FractionOfInterval!.Value, 9);
        }
        finally
        {
            File.Delete(file);
            await http.PostAsync("-/reload", null);
        }
    }

    [Fact]
    public async Task ApiStatus_SaysWhatTheReporterSays()
    {
        var report = await ReportWithStackTargetsUpAsync();

        using var response = await api.Http.GetAsync("/api/v1/status");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal(
            report.Servers.Select(s => (s.Name, s.Problem is null, s.Version, s.ReloadSuccessful, s.RulesDirectoryWritable)).OrderBy(s => s.Name),
            body.GetProperty("servers").EnumerateArray().Select(s => (
                s.GetProperty("name").GetString()!,
                s.GetProperty("reachable").GetBoolean(),
                s.GetProperty("version").GetString(),
                (bool?)s.GetProperty("reloadSuccessful").GetBoolean(),
                (bool?)s.GetProperty("rulesDirectoryWritable").GetBoolean())).OrderBy(s => s.Item1));
        var jobs = body.GetProperty("targets").GetProperty("jobs").EnumerateArray()
            .Select(j => (j.GetProperty("server").GetString()!, j.GetProperty("job").GetString()!, j.GetProperty("total").GetInt32()))
            .Where(j => StackJobs.Contains(j.Item2)).Order().ToList();
        Assert.Equal(report.Targets.Items.Where(j => StackJobs.Contains(j.Job)).Select(j => (j.Server, j.Job, j.Total)).Order(), jobs);
        Assert.Equal(2 * StackJobs.Length, jobs.Count);
        Assert.Equal(report.Promtool.Version, body.GetProperty("promtool").GetProperty("version").GetString());
        Assert.True(body.GetProperty("promtool").GetProperty("found").GetBoolean());
        Assert.Equal(report.Dependencies.Select(d => d.Name).Order(), body.GetProperty("dependencies").EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task ApiStatus_WithoutAToken_IsRefused()
    {
        using var anonymous = api.Portal.CreateClient();

        using var response = await anonymous.GetAsync("/api/v1/status");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
