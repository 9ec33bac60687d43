using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Incidents;
using Portal.Domain.Live;
using Portal.Domain.Queries;
using Portal.Infrastructure.Caching;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Tuning;
using Portal.Tests.Integration.Api;
using Portal.Tests.Integration.Publishing;

namespace Portal.Tests.Integration.Incidents;

/// <summary>
/// Incident evidence from the real test stack: an always-true rule published to the Prometheus pair fires, and the
/// evidence has its facts with the threshold in force, its firing from <c>ALERTS</c> (at the time the rules API says
/// it became active), a chart snapshot with values, and sentences instead of exceptions when Prometheus is gone.
/// </summary>
[Collection(PublishingStack.Collection)]
public sealed class EvidenceTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    /// <summary>Alert names of this run's own: ALERTS keeps earlier runs' series, which must not be mistaken for ours.</summary>
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private static readonly string Firing = $"EvidenceAlwaysFiring{Run}";
    private static readonly string Neighbour = $"EvidenceNeighbour{Run}";

    private static string Rules(string firing, string neighbour, string expr) => $$"""
        groups:
        - name: evidence
          rules:
          - alert: {{firing}}
            expr: {{expr}}
            labels:
              severity: critical
            annotations:
              summary: always true on the stack's own Prometheus
              runbook_url: https://runbooks.example/evidence
          - alert: {{neighbour}}
            expr: up{job="prometheus"} >= 1
            labels:
              severity: warning
        """;

    private static Task<(Guid RuleId, AlertEntry Alert)>? _published;
    private static readonly object Gate = new();

    [Fact]
    public async Task Gather_OnAFiringAlwaysTrueRule_HasTheRuleFactsItsFiringFromAlertsAndAChartWithValues()
    {
        var (ruleId, alert) = await PublishedAsync();
        var evidence = await Evidence().GatherAsync(ruleId, LabelsOf(alert), DateTimeOffset.UtcNow, default);

        Assert.Empty(evidence.Problems);
        var rule = evidence.Rule!;
        Assert.Equal(Firing, rule.AlertName);
        Assert.Equal("up{job=\"prometheus\"} > 0", rule.Expression);
        Assert.Equal("up{job=\"prometheus\"}", rule.Query!.Trim());
        Assert.Equal(">", rule.Operator);
        Assert.Equal(0, rule.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(5), rule.EvaluationInterval);
        Assert.Equal("api-tests", rule.Team);
        Assert.Equal("https://runbooks.example/evidence", rule.RunbookUrl);
        Assert.True(rule.VersionNumber >= 1);

        Assert.Equal(Firing, evidence.Alert!.Name);
        Assert.Equal(1, evidence.Alert.Value);
        Assert.NotNull(evidence.Alert.StartsAt);

        var own = Assert.Single(evidence.AlertTimeline, e => e.Text.StartsWith($"{Firing} firing", StringComparison.Ordinal));
        Assert.Equal(TimelineKind.AlertFiring, own.Kind);
        Assert.True(own.Automatic);
        Assert.Null(own.By);
        Assert.Contains($"instance={alert.Labels["instance"]}", own.Text);
        Assert.Contains("severity=critical", own.Text);
        // Still firing when the window ends: no resolved entry.
        Assert.DoesNotContain(evidence.AlertTimeline, e => e.Kind == TimelineKind.AlertResolved && e.Text.StartsWith(Firing, StringComparison.Ordinal));
        // The other alert on the same instance and job is related.
        Assert.Contains(evidence.AlertTimeline, e => e.Kind == TimelineKind.AlertFiring && e.Text.StartsWith($"{Neighbour} firing", StringComparison.Ordinal));
        Assert.Equal(evidence.AlertTimeline.OrderBy(e => e.At).Select(e => e.At), evidence.AlertTimeline.Select(e => e.At));

        var chart = evidence.Chart!;
        Assert.Equal(0, chart.Threshold);
        Assert.Equal(">", chart.Operator);
        // A reused test stack may still hold the series of a Prometheus that ran on other ports within the window.
        var series = Assert.Single(chart.Series, s => s.Labels.Contains($"instance=\"{alert.Labels["instance"]}\"", StringComparison.Ordinal));
        Assert.Contains("job=\"prometheus\"", series.Labels);
        Assert.InRange(series.Values.Length, 2, ChartSnapshot.MaxPoints);
        Assert.Contains(series.Values, v => v == 1);
    }

    [Fact]
    public async Task FiringTimeFromAlerts_EqualsTheActiveAtTheRulesApiReports_WithinOneStep()
    {
        var (_, alert) = await PublishedAsync();
        var prometheus = api.Portal.Services.GetRequiredService<IPrometheus>();
        var loaded = (await prometheus.RulesAsync(default)).SelectMany(g => g.Rules).Single(r => r.Name == Firing);
        var activeAt = Assert.Single(loaded.Alerts).ActiveAt!.Value;

        var to = DateTimeOffset.UtcNow;
        var from = to.AddMinutes(-30);
        var timeline = await Evidence().AlertTimelineAsync(null, new AlertFacts(Firing, LabelsOf(alert), null, null), from, to, default);

        var firing = Assert.Single(timeline, e => e.Kind == TimelineKind.AlertFiring && e.Text.StartsWith($"{Firing} firing", StringComparison.Ordinal));
        // At 30 minutes the step is the rule's 5 s: ALERTS shows the alert at the first step at or after it became active.
        var step = TimeSpan.FromSeconds(5);
        Assert.InRange(firing.At, activeAt - TimeSpan.FromMilliseconds(1), activeAt + step);
    }

    [Fact]
    public async Task AnAlertThatBeganFiringInTheLastStep_IsOnTheTimeline_StillFiring()
    {
        // Over two days the step is about three minutes, and steps are aligned down: a window ending a second after
        // the alert became active has no aligned step after it. Incidents are started at exactly that moment.
        var (_, alert) = await PublishedAsync();
        var prometheus = api.Portal.Services.GetRequiredService<IPrometheus>();
        var loaded = (await prometheus.RulesAsync(default)).SelectMany(g => g.Rules).Single(r => r.Name == Firing);
        var activeAt = Assert.Single(loaded.Alerts).ActiveAt!.Value;
        var to = activeAt + TimeSpan.FromSeconds(1);

        var timeline = await Evidence().AlertTimelineAsync(null, new AlertFacts(Firing, LabelsOf(alert), null, null), to.AddDays(-2), to, default);

        var firing = Assert.Single(timeline, e => e.Kind == TimelineKind.AlertFiring && e.Text.StartsWith($"{Firing} firing", StringComparison.Ordinal));
        Assert.InRange(firing.At, to.AddMinutes(-3), to);
        Assert.DoesNotContain(timeline, e => e.Kind == TimelineKind.AlertResolved && e.Text.StartsWith(Firing, StringComparison.Ordinal));
        Assert.All(timeline, e => Assert.True(e.At <= to, $"{e.Text} at {e.At:O} is after the window's end {to:O}"));
    }

    [Fact]
    public async Task AlertTimeline_WithQuotesAndBackslashesInLabelValues_KeepsItsSelectorWhole()
    {
        var (_, alert) = await PublishedAsync();
        var hostile = new Dictionary<string, string>
        {
            ["alertname"] = Firing,
            ["instance"] = "a\"b\\c\"} or vector(1) or ALERTS{x=\"",
            ["job"] = "\\\"",
            ["service"] = "line\nbreak\t\u0001\"",
        };

        var timeline = await Evidence().AlertTimelineAsync(null, new AlertFacts(Firing, hostile, null, null), DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow, default);

        // The rule's own alert is found; nothing shares those odd values, and nothing escaped the selector to add series.
        Assert.Single(timeline, e => e.Kind == TimelineKind.AlertFiring);
        Assert.All(timeline, e => Assert.StartsWith(Firing, e.Text, StringComparison.Ordinal));
        Assert.Contains($"instance={alert.Labels["instance"]}", timeline[0].Text);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a\"b")]
    [InlineData("back\\slash\\")]
    [InlineData("\"} or vector(1) #")]
    [InlineData("new\nline\r\ttab\u0001\u007f")]
    [InlineData("ünïcødé 🚨")]
    public async Task Quote_IsReadBackByPrometheus_AsTheSameValue(string value)
    {
        var prometheus = api.Portal.Services.GetRequiredService<IPrometheus>();

        var answer = await prometheus.QueryAsync($"label_replace(vector(1), \"v\", {IncidentEvidenceGatherer.Quote(value)}, \"\", \"\")", null, default);

        Assert.Equal(value, Assert.Single(answer).Labels["v"]);
    }

    [Fact]
    public async Task Gather_WithPrometheusUnreachable_SaysWhatIsMissing_AndStillHasTheRuleFacts()
    {
        var ns = $"evd-{Guid.NewGuid():N}"[..16];
        var name = $"EvidenceDead{Run}";
        await ImportAsync(ns, Rules(name, $"EvidenceDeadNeighbour{Run}", $"vector({Random.Shared.Next(2, 1_000_000)}) > 1"), publish: false);
        var ruleId = (await api.Portal.Services.GetRequiredService<IRuleStore>().ListAsync(new RuleQuery(Namespace: ns), default)).Items.Single(r => r.Name == name).Id;
        var evidence = DeadEvidence();

        var gathered = await evidence.GatherAsync(ruleId, new Dictionary<string, string> { ["alertname"] = name, ["instance"] = "somewhere:9090" }, DateTimeOffset.UtcNow, default);

        Assert.Equal(name, gathered.Rule!.AlertName);
        Assert.Equal(1, gathered.Rule.Threshold);
        Assert.Null(gathered.Chart);
        Assert.Empty(gathered.AlertTimeline);
        Assert.Contains(gathered.Problems, p => p.StartsWith("The alert history (ALERTS) could not be read from Prometheus", StringComparison.Ordinal));
        Assert.Contains(gathered.Problems, p => p.StartsWith("The chart snapshot could not be read from Prometheus", StringComparison.Ordinal));

        var incident = Resolved(gathered.Rule, DateTimeOffset.UtcNow.AddMinutes(-20), DateTimeOffset.UtcNow);
        var report = await evidence.EarlierDetectionAsync(incident, default);
        Assert.StartsWith("The rule's query could not be read from Prometheus", report.Problem);
        Assert.Empty(report.Options);
    }

    [Fact]
    public async Task EarlierDetection_SaysWhyNot_ForAnOpenIncident_NoRule_AndNoThreshold()
    {
        var evidence = Evidence();
        var rule = new RuleFacts(Guid.NewGuid(), 1, "X", "up > 0", "up", ">", 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(5), "t", null);
        var resolved = Resolved(rule, DateTimeOffset.UtcNow.AddMinutes(-20), DateTimeOffset.UtcNow);

        var open = await evidence.EarlierDetectionAsync(resolved with { Status = IncidentStatus.Monitoring, ResolvedAt = null }, default);
        var noRule = await evidence.EarlierDetectionAsync(resolved with { Rule = null }, default);
        var noThreshold = await evidence.EarlierDetectionAsync(resolved with { Rule = rule with { Expression = "absent(up)", Query = null, Operator = null, Threshold = null } }, default);

        Assert.Contains("not resolved", open.Problem);
        Assert.Contains("no rule", noRule.Problem);
        Assert.Contains("no single threshold", noThreshold.Problem);
    }

    [Fact]
    public async Task EarlierDetection_OnAResolvedIncidentOfTheAlwaysTrueRule_GivesAReport()
    {
        var (ruleId, alert) = await PublishedAsync();
        // An alert active for a moment leaves a window too short to hold a sample at the replay's step: wait out a few steps.
        var young = alert.Since!.Value.AddSeconds(30) - DateTimeOffset.UtcNow;
        if (young > TimeSpan.Zero)
        {
            await Task.Delay(young);
        }

        var gathered = await Evidence().GatherAsync(ruleId, LabelsOf(alert), DateTimeOffset.UtcNow, default);
        var incident = Resolved(gathered.Rule!, alert.Since!.Value, DateTimeOffset.UtcNow);
        await WaitForAHistoryStepAsync(gathered.Rule!);

        var report = await Evidence().EarlierDetectionAsync(incident, default);

        // `up > 0` holds from the window's first sample with no `for`: nothing can fire before that, and the report says so.
        Assert.NotNull(report.FiredAt);
        Assert.True(report.FiredAt <= alert.Since.Value.AddSeconds(5), $"fired at {report.FiredAt:O}, active since {alert.Since:O}");
        Assert.Equal(30, Math.Round(report.HistoryLookedAt.TotalDays));
        Assert.Empty(report.Options);
        Assert.StartsWith("No threshold or for value tried would have fired earlier", report.Problem);
    }

    [Fact]
    public async Task StartedFromTheFiringAlert_KeepsItsFiringEntryAndChart_AndExportsThem_WithPrometheusUnreachable()
    {
        var (ruleId, alert) = await PublishedAsync();
        using var started = await api.Http.PostAsJsonAsync("/api/v1/incidents",
            new { template = StarterIncidentTemplates.PostmortemKey, ruleId, alert = LabelsOf(alert) });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await ApiPortal.JsonAsync(started)).GetProperty("id").GetGuid();

        // A second portal on the same database whose Prometheus is gone: what the incident holds is its own.
        var settings = ApiPortal.Settings(api.Database, ApiPortal.Token);
        settings["Prometheus:Url"] = $"http://127.0.0.1:{TestStack.FreeLoopbackPort()}/";
        await using var cutOff = new PortalFactory(settings);
        using var http = cutOff.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiPortal.Token);

        using var read = await http.GetAsync($"/api/v1/incidents/{id}");
        Assert.True(read.IsSuccessStatusCode, await read.Content.ReadAsStringAsync());
        var incident = await ApiPortal.JsonAsync(read);
        Assert.Equal("SEV-1", incident.GetProperty("severity").GetString());
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), e =>
            e.GetProperty("kind").GetString() == "alert-firing" && e.GetProperty("automatic").GetBoolean()
            && e.GetProperty("text").GetString()!.StartsWith($"{Firing} firing", StringComparison.Ordinal));
        var chart = incident.GetProperty("chart");
        Assert.Equal(0, chart.GetProperty("threshold").GetDouble());
        Assert.Contains(chart.GetProperty("series").EnumerateArray(), s =>
            s.GetProperty("values").EnumerateArray().Any(v => v.ValueKind == System.Text.Json.JsonValueKind.Number && v.GetDouble() == 1));
        Assert.Contains($"Postmortem: {Firing}", incident.GetProperty("body").GetString());

        using var export = await http.GetAsync($"/api/v1/incidents/{id}/export.md");
        Assert.True(export.IsSuccessStatusCode, await export.Content.ReadAsStringAsync());
        var markdown = await export.Content.ReadAsStringAsync();
        Assert.Contains(Firing, markdown);
        Assert.Contains("up{job=\"prometheus\"} > 0", markdown);
        Assert.Contains($"{Firing} firing", markdown);
        Assert.Contains("Threshold: `> 0`", markdown);
    }

    [Fact]
    public async Task RefreshFromAlerts_OnAnIncidentStartedWhilePrometheusWasGone_AddsTheFiringPrometheusReports_AndARemovedEntryStaysOut()
    {
        var (ruleId, alert) = await PublishedAsync();
        var prometheus = api.Portal.Services.GetRequiredService<IPrometheus>();
        var activeAt = Assert.Single((await prometheus.RulesAsync(default)).SelectMany(g => g.Rules).Single(r => r.Name == Firing).Alerts).ActiveAt!.Value;

        // Started on a portal whose Prometheus is gone: the rule facts come from the catalog, ALERTS and the chart are missing.
        var settings = ApiPortal.Settings(api.Database, ApiPortal.Token);
        settings["Prometheus:Url"] = $"http://127.0.0.1:{TestStack.FreeLoopbackPort()}/";
        Guid id;
        await using (var cutOff = new PortalFactory(settings))
        {
            using var http = cutOff.CreateClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiPortal.Token);
            using var started = await http.PostAsJsonAsync("/api/v1/incidents", new { template = StarterIncidentTemplates.StatusUpdateKey, ruleId, alert = LabelsOf(alert) });
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
            var incident = await ApiPortal.JsonAsync(started);
            id = incident.GetProperty("id").GetGuid();
            Assert.DoesNotContain(incident.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("automatic").GetBoolean());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, incident.GetProperty("chart").ValueKind);

            // Refreshing there cannot read ALERTS: a 503 that says so, and nothing written.
            using var refused = await http.PostAsync($"/api/v1/incidents/{id}/timeline/refresh", null);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("Prometheus", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var refreshed = await api.Http.PostAsync($"/api/v1/incidents/{id}/timeline/refresh", null);
        Assert.True(refreshed.IsSuccessStatusCode, await refreshed.Content.ReadAsStringAsync());
        var refresh = await ApiPortal.JsonAsync(refreshed);
        Assert.True(refresh.GetProperty("added").GetInt32() >= 1);
        Assert.True(refresh.GetProperty("chartRetaken").GetBoolean());
        var timeline = refresh.GetProperty("incident").GetProperty("timeline").EnumerateArray().ToList();
        var firing = Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "alert-firing"
            && e.GetProperty("text").GetString()!.StartsWith($"{Firing} firing", StringComparison.Ordinal));
        // The window starts an hour before the incident: its 5 s step places the firing within one step of activeAt.
        Assert.InRange(firing.GetProperty("at").GetDateTimeOffset(), activeAt - TimeSpan.FromMilliseconds(1), activeAt + TimeSpan.FromSeconds(5));
        Assert.Contains(refresh.GetProperty("incident").GetProperty("chart").GetProperty("series").EnumerateArray(), s =>
            s.GetProperty("values").EnumerateArray().Any(v => v.ValueKind == System.Text.Json.JsonValueKind.Number && v.GetDouble() == 1));

        // The neighbour on the same instance is related; someone decides it is not, and it stays out.
        var neighbour = Assert.Single(timeline, e => e.GetProperty("text").GetString()!.StartsWith($"{Neighbour} firing", StringComparison.Ordinal));
        using var removed = await api.Http.DeleteAsync($"/api/v1/incidents/{id}/timeline/{neighbour.GetProperty("id").GetGuid()}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, removed.StatusCode);
        using var again = await api.Http.PostAsync($"/api/v1/incidents/{id}/timeline/refresh", null);
        var second = await ApiPortal.JsonAsync(again);
        Assert.Equal(0, second.GetProperty("added").GetInt32());
        Assert.DoesNotContain(second.GetProperty("incident").GetProperty("timeline").EnumerateArray(),
            e => e.GetProperty("text").GetString()!.StartsWith($"{Neighbour} firing", StringComparison.Ordinal));
    }

    /// <summary>
    /// The 30-day history is read at a coarse step (minutes); a stack younger than one step has no grid point with a
    /// sample yet, and the report then says, rightly, that the cost cannot be priced. Waits until the stack's Prometheus
    /// has run for a step and a half.
    /// </summary>
    private async Task WaitForAHistoryStepAsync(RuleFacts rule)
    {
        var services = api.Portal.Services;
        var now = DateTimeOffset.UtcNow;
        var step = (await services.GetRequiredService<ITuningData>().LoadAsync(
            new TuningRequest(rule.Query!, now - IncidentEvidenceGatherer.History, now, rule.EvaluationInterval), default)).Plan.Step;
        var started = (await services.GetRequiredService<IPrometheus>().QueryAsync("max(process_start_time_seconds{job=\"prometheus\"})", null, default)).Single().Value;
        var old = DateTimeOffset.FromUnixTimeMilliseconds((long)(started * 1000)) + step * 1.5 - DateTimeOffset.UtcNow;
        if (old > TimeSpan.Zero)
        {
            await Task.Delay(old);
        }
    }

    private IIncidentEvidence Evidence() => api.Portal.Services.GetRequiredService<IIncidentEvidence>();

    /// <summary>The portal's evidence with every Prometheus read (direct and through the cache) going to a port nobody listens on.</summary>
    private IncidentEvidenceGatherer DeadEvidence()
    {
        var services = api.Portal.Services;
        var nobody = new PrometheusClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestStack.FreeLoopbackPort()}/") });
        var cache = ActivatorUtilities.CreateInstance<QueryCache>(services, nobody);
        var tuning = ActivatorUtilities.CreateInstance<TuningDataLoader>(services, cache);
        return ActivatorUtilities.CreateInstance<IncidentEvidenceGatherer>(services, nobody, tuning);
    }

    private static IncidentDetail Resolved(RuleFacts rule, DateTimeOffset startedAt, DateTimeOffset resolvedAt) => new(
        Guid.NewGuid(), 1, "test incident", IncidentStatus.Resolved, "SEV-2", "api-tests", "postmortem", "", startedAt, resolvedAt,
        rule, null, [], [], null, 1, startedAt, "tester", resolvedAt, "tester", 0);

    private static Dictionary<string, string> LabelsOf(AlertEntry alert) =>
        new(alert.Labels) { ["alertname"] = alert.AlertName };

    /// <summary>Publishes the always-true rules once for the class and waits until the rule fires and ALERTS says so.</summary>
    private Task<(Guid RuleId, AlertEntry Alert)> PublishedAsync()
    {
        lock (Gate)
        {
            return _published ??= PublishAsync();
        }
    }

    private async Task<(Guid RuleId, AlertEntry Alert)> PublishAsync()
    {
        var ns = $"evi-{Guid.NewGuid():N}"[..16];
        await ImportAsync(ns, Rules(Firing, Neighbour, "up{job=\"prometheus\"} > 0"), publish: true);
        var ruleId = (await api.Portal.Services.GetRequiredService<IRuleStore>().ListAsync(new RuleQuery(Namespace: ns), default)).Items.Single(r => r.Name == Firing).Id;

        var live = api.Portal.Services.GetRequiredService<ILiveAlerts>();
        var prometheus = api.Portal.Services.GetRequiredService<IPrometheus>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            var board = await live.AlertsAsync(new AlertFilter(State: LiveState.Firing, Text: ns), default);
            // Each of the pair evaluates `up` of its own scrapes: the evidence reads Prometheus:Url, so its series is the one.
            var alert = board.All.FirstOrDefault(a => a.AlertName == Firing && a.Labels.GetValueOrDefault("instance") == TestStack.PrometheusUrl.Authority);
            // ALERTS is written by the same evaluation; a step later a range query sees it.
            var written = alert is not null && (await prometheus.QueryAsync($"ALERTS{{alertname=\"{Firing}\",alertstate=\"firing\"}}", null, default)).Count == 1
                && (await prometheus.QueryAsync($"ALERTS{{alertname=\"{Neighbour}\",alertstate=\"firing\"}}", null, default)).Count == 1;
            if (written)
            {
                await Task.Delay(TimeSpan.FromSeconds(6));
                return (ruleId, alert!);
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{Firing} did not fire within 90 s");
            await Task.Delay(1000);
        }
    }

    private async Task ImportAsync(string ns, string rules, bool publish)
    {
        using var import = await api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={ns}",
            new StringContent(rules, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        if (publish)
        {
            using var published = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "incident evidence test", confirm = true, namespaces = new[] { ns } });
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }
    }
}
