using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Lint;
using Portal.Infrastructure.Lint;
using Portal.Infrastructure.Prometheus;
using Portal.Tests.Integration.Api;
using Portal.Tests.Integration.Publishing;

namespace Portal.Tests.Integration.Lint;

/// <summary>Lint against the test stack's Prometheus: what it has seen, what it proposes instead, and what happens when it is gone.</summary>
public sealed class LiveLintTests
{
    private static async Task<IReadOnlyList<LintFinding>> LintAsync(PortalFactory portal, string expression, LiveRuleRef? rule = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ILiveLinter>().LintAsync(expression, rule, CancellationToken.None);
    }

    /// <summary>The stack's exporters are scraped every few seconds; a stack started a moment ago may not have a sample yet.</summary>
    internal static async Task WaitForSeriesAsync(PortalFactory portal, string selector)
    {
        var prometheus = portal.Services.GetRequiredService<IPrometheus>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await prometheus.QueryAsync(selector, null, default)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }
    }

    [Theory]
    [InlineData("node_lod1 > 4", "node_load1", 1)]
    [InlineData("sum by (job) (upp) == 0", "up", 15)]
    public async Task MisspeltMetric_IsAWarningAtItsPlace_ProposingTheRightName(string expression, string meant, int column)
    {
        await using var portal = PortalFactory.For();
        await WaitForSeriesAsync(portal, meant);

        var findings = await LintAsync(portal, expression);

        var finding = Assert.Single(findings, f => f.Id == LiveLint.MetricUnknown);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(new Portal.Domain.PromQl.Position(1, column), finding.Position);
        Assert.Matches($"did you mean {meant}( or |\\?)", finding.Message);
        Assert.DoesNotContain(findings, f => f.Severity == LintSeverity.Error);
    }

    [Fact]
    public async Task NeverSeenLabelValue_ProposesAJobThatExists()
    {
        await using var portal = PortalFactory.For();
        await WaitForSeriesAsync(portal, "up{job=\"node\"}");

        var findings = await LintAsync(portal, "up{job=\"nope\"} == 0");

        var finding = Assert.Single(findings, f => f.Id == LiveLint.ValueUnknown);
        Assert.Equal(new Portal.Domain.PromQl.Position(1, 4), finding.Position);
        Assert.Contains("job=\"nope\"", finding.Message);
        Assert.Contains("did you mean \"node\"", finding.Message);
    }

    [Fact]
    public async Task SoundExpression_HasNoWarning_OnlyItsSizeAndSpeed()
    {
        await using var portal = PortalFactory.For();
        await WaitForSeriesAsync(portal, "up{job=\"prometheus\"}");

        var findings = await LintAsync(portal, "sum by (instance) (rate(prometheus_http_requests_total{job=\"prometheus\"}[5m])) > 100");

        var result = Assert.Single(findings);
        Assert.Equal(LiveLint.Result, result.Id);
        Assert.Matches(@"returns \d+ series now and took \d+ ms", result.Message);
    }

    [Fact]
    public async Task CostAboveTheLimit_IsAWarning()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?> { ["LiveLint:SeriesWarning"] = "2" });
        await WaitForSeriesAsync(portal, "up");

        var findings = await LintAsync(portal, "{__name__=~\"node_.+\"}");

        Assert.Contains(findings, f => f.Id == LiveLint.Cost && f.Severity == LintSeverity.Warning && f.Message.Contains("more than 2 series"));
    }

    [Fact]
    public async Task PrometheusUnreachable_IsOneInfoFinding_NeverAnException()
    {
        var nobody = new Uri($"http://127.0.0.1:{TestStack.FreeLoopbackPort()}");
        await using var portal = PortalFactory.For(prometheus: nobody);

        var findings = await LintAsync(portal, "upp{job=\"nope\"} > 0");

        var finding = Assert.Single(findings);
        Assert.Equal((LiveLint.Skipped, LintSeverity.Info), (finding.Id, finding.Severity));
        Assert.StartsWith("Live checks skipped: ", finding.Message);
    }
}

/// <summary>POST /api/v1/lint?live=true, and a published rule's evaluation error found on the targets.</summary>
[Collection(PublishingStack.Collection)]
public sealed class LiveLintApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    [Fact]
    public async Task LiveLint_AddsTheLiveFindings_WithoutChangingValid()
    {
        await LiveLintTests.WaitForSeriesAsync(api.Portal, "up");

        var offline = await ApiPortal.JsonAsync(await api.Http.PostAsJsonAsync("/api/v1/lint", new { expr = "upp == 0" }));
        var live = await ApiPortal.JsonAsync(await api.Http.PostAsJsonAsync("/api/v1/lint?live=true", new { expr = "upp == 0" }));

        Assert.DoesNotContain(offline.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString()!.StartsWith("live-"));
        var unknown = Assert.Single(live.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == LiveLint.MetricUnknown);
        Assert.Equal("warning", unknown.GetProperty("severity").GetString());
        Assert.Contains("did you mean up", unknown.GetProperty("message").GetString());
        Assert.Equal(offline.GetProperty("valid").GetBoolean(), live.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task PublishedRuleThatFailsToEvaluate_ReportsTheErrorOnEachTarget()
    {
        // Every target has several "up" series, so a one-to-one match on nothing fails at every evaluation.
        var ns = $"live-err-{Guid.NewGuid():N}"[..18];
        const string rules = """
            groups:
            - name: failing
              interval: 5s
              rules:
              - record: live:lint:fails
                expr: up * on() up
            """;
        var import = await api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={ns}", new StringContent(rules, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var published = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "live lint", confirm = true, namespaces = new[] { ns } });
        var body = await published.Content.ReadAsStringAsync();
        Assert.True(published.StatusCode == HttpStatusCode.OK && body.Contains("\"outcome\":\"live\""), body);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<System.Text.Json.JsonElement> errors;
        var last = "";
        do
        {
            await Task.Delay(1000);
            var live = await ApiPortal.JsonAsync(await api.Http.PostAsJsonAsync("/api/v1/lint?live=true",
                new { expr = "up * on() up", kind = "recording", name = "live:lint:fails", @namespace = ns, group = "failing" }));
            last = live.ToString();
            errors = live.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == LiveLint.EvaluationFailed).ToList();
        }
        while (errors.Count < 2 && DateTime.UtcNow < deadline);

        Assert.True(errors.Count == 2, last);
        Assert.All(errors, e => Assert.Contains("many-to-many", e.GetProperty("message").GetString()));
        Assert.Contains(errors, e => e.GetProperty("message").GetString()!.Contains("prometheus-a"));
        Assert.Contains(System.Text.Json.JsonDocument.Parse(last).RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("id").GetString() == LiveLint.QueryFailed && f.GetProperty("severity").GetString() == "warning");
    }
}
