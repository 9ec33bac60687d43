using System.Net;
using System.Text;
using Portal.Infrastructure.Health;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Infrastructure;

/// <summary>The Health page's readings that need no server: Prometheus' answers as parsed, promtool's version line, the rules directory probe.</summary>
public class StatusReadingTests
{
    private sealed class Answer(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }

    private static PrometheusClient Client(string json) => new(new HttpClient(new Answer(json)) { BaseAddress = new Uri("http://prometheus.test/") });

    [Fact]
    public async Task TargetsAsync_ReadsPoolDurationAndError_AndANeverScrapedTargetHasNoLastScrape()
    {
        var prometheus = Client("""
            {"status":"success","data":{"activeTargets":[
              {"labels":{"job":"node","instance":"n1:9100"},"scrapePool":"node","health":"up","lastError":"","lastScrape":"2026-12-04T12:00:00.5Z","lastScrapeDuration":0.0123},
              {"labels":{"job":"api","instance":"a1:80"},"scrapePool":"api-pool","health":"unknown","lastError":"","lastScrape":"0001-01-01T00:00:00Z","lastScrapeDuration":0},
              {"labels":{"job":"db","instance":"d1:9187"},"scrapePool":"db","health":"down","lastError":"connection refused","lastScrape":"2026-12-04T11:59:58Z","lastScrapeDuration":0.001}
            ],"droppedTargets":[]}}
            """);

        var targets = await prometheus.TargetsAsync(default);

        Assert.Equal(("node", 0.0123, new DateTimeOffset(2026, 12, 4, 12, 0, 0, 500, TimeSpan.Zero)), (targets[0].ScrapePool, targets[0].LastScrapeSeconds!.Value, targets[0].LastScrape!.Value));
        Assert.Equal("api-pool", targets[1].ScrapePool);
        Assert.Null(targets[1].LastScrape);
        Assert.Equal(("down", "connection refused"), (targets[2].Health, targets[2].LastError));
    }

    [Fact]
    public async Task RulesAsync_ReadsEachGroupsEvaluationTimeAndLastEvaluation()
    {
        var prometheus = Client("""
            {"status":"success","data":{"groups":[
              {"name":"api","file":"/r/a.yml","interval":15,"evaluationTime":0.25,"lastEvaluation":"2026-12-04T12:00:00Z","rules":[
                {"name":"Up","query":"up == 0","type":"alerting","health":"err","lastError":"boom","evaluationTime":0.2,"lastEvaluation":"2026-12-04T12:00:00Z","state":"inactive","alerts":[]}]},
              {"name":"new","file":"/r/b.yml","interval":60,"evaluationTime":0,"lastEvaluation":"0001-01-01T00:00:00Z","rules":[]}
            ]}}
            """);

        var groups = await prometheus.RulesAsync(default);

        Assert.Equal((0.25, new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero)), (groups[0].EvaluationSeconds!.Value, groups[0].LastEvaluation!.Value));
        Assert.Equal(("err", "boom"), (groups[0].Rules[0].Health, groups[0].Rules[0].LastError));
        Assert.Null(groups[1].LastEvaluation);
    }

    [Theory]
    [InlineData("promtool, version 2.42.0+ds (branch: debian/sid, revision: 2.42.0+ds-5)\n  build user: x\n", "2.42.0+ds")]
    [InlineData("promtool, version 3.1.0 (branch: HEAD, revision: abc)", "3.1.0")]
    [InlineData("usage: promtool [<flags>]", null)]
    public void PromtoolVersion_IsTheFirstLinesVersionWord(string output, string? expected) =>
        Assert.Equal(expected, PromtoolProbe.Version(output));

    [Fact]
    public async Task PromtoolProbe_ForAMissingProgram_SaysItWasNotFound()
    {
        var status = await PromtoolProbe.ProbeAsync("promtool-that-does-not-exist-" + Guid.NewGuid().ToString("N")[..6], default);

        Assert.False(status.Found);
        Assert.Null(status.Path);
        Assert.Contains("was not found on the PATH", status.Problem);
    }

    [Fact]
    public void CheckDirectory_OfAWritableDirectory_IsWritable_AndLeavesNothingBehind()
    {
        var directory = Directory.CreateTempSubdirectory("portal-health-dir-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "team.yml"), "groups: []\n");

            var (writable, problem) = StatusReporter.CheckDirectory(new PublishTarget("a", new Uri("http://a/"), directory.FullName, "", TargetSource.Configuration));

            Assert.Equal((true, null), (writable, problem));
            Assert.Equal(["team.yml"], directory.GetFileSystemInfos().Select(f => f.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void CheckDirectory_OfAMissingDirectory_IsNotWritable_AndOutsideTheRoots_IsNotChecked()
    {
        var missing = Path.Combine(Path.GetTempPath(), "portal-health-missing-" + Guid.NewGuid().ToString("N"));

        var (writable, problem) = StatusReporter.CheckDirectory(new PublishTarget("a", new Uri("http://a/"), missing, "", TargetSource.Database));
        var (outsideWritable, outsideProblem) = StatusReporter.CheckDirectory(
            new PublishTarget("b", new Uri("http://b/"), "/etc", "", TargetSource.Database) { OutsideAllowedRoots = true });

        Assert.False(writable);
        Assert.Contains("does not exist", problem);
        Assert.Null(outsideWritable);
        Assert.Contains("not checked", outsideProblem);
        Assert.False(Directory.Exists(missing));
    }
}

public class FailingRuleMatchingTests
{
    private static LoadedRule Rule(string name, string? error = null) =>
        new(name, "up", "recording", error is null ? "ok" : "err", error, null);

    [Fact]
    public void FailingRules_OnAPublishTarget_LinkThePublishedRule_ByNameAndOccurrence_AndLeaveHandMadeFilesUnlinked()
    {
        var first = new Portal.Domain.Live.CatalogRule(Guid.NewGuid(), "payments", "api", "rate", Portal.Domain.Lint.RuleKind.Recording, "team-pay", null, null, true);
        var second = first with { Id = Guid.NewGuid() };
        var rules = new[] { first, second };
        var index = Portal.Domain.Live.LiveMatching.Index(rules);
        var target = new PublishTarget("prometheus-a", new Uri("http://a/"), "/r", "", TargetSource.Configuration);
        var files = new Dictionary<string, IReadOnlyList<Portal.Domain.Live.PublishedFile>>
        {
            ["prometheus-a"] = [new Portal.Domain.Live.PublishedFile("payments", "team-pay", "payments.yml", 3, DateTimeOffset.UnixEpoch)],
        };
        var basis = new Portal.Infrastructure.Live.LiveBasis([target], files, rules, index, index.ToDictionary(p => p.Value.Id, p => p.Key), DateTimeOffset.UnixEpoch);
        var groups = new[]
        {
            new LoadedRuleGroup("api", "/r/payments.yml", 15, [Rule("rate"), Rule("rate", "duplicate series")]),
            new LoadedRuleGroup("hand", "/r/hand.yml", 15, [Rule("rate", "many-to-many")]),
        };

        var failing = StatusReporter.FailingRules("prometheus-a", target, groups, basis).ToList();

        Assert.Equal(2, failing.Count);
        Assert.Equal(("api", 2, (Guid?)second.Id, "duplicate series"), (failing[0].Group, failing[0].Occurrence, failing[0].CatalogRuleId, failing[0].Error));
        Assert.Equal(("hand", 1, (Guid?)null), (failing[1].Group, failing[1].Occurrence, failing[1].CatalogRuleId));
    }

    [Fact]
    public void FailingRules_WithoutTheCatalog_AreStillListed_Unlinked()
    {
        var groups = new[] { new LoadedRuleGroup("api", "/r/payments.yml", 15, [Rule("rate", "boom")]) };

        var failing = StatusReporter.FailingRules("queries", null, groups, basis: null).ToList();

        Assert.Equal(("queries", "rate", (Guid?)null), (Assert.Single(failing).Server, failing[0].Name, failing[0].CatalogRuleId));
    }
}
