using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Lint;
using Portal.Infrastructure.Prometheus;

namespace Portal.Tests.Integration.Lint;

/// <summary>Lint judges counters by the types the stack's exporters declare, not only by their names.</summary>
public class LiveMetadataLintTests
{
    // postgres_exporter names its pg_stat_database counters without the _total suffix.
    private const string CounterWithoutSuffix = "pg_stat_database_xact_commit";

    private static LintRule Alert(string expr) => new(RuleKind.Alerting, "Test", expr, TimeSpan.FromMinutes(5),
        new Dictionary<string, string> { ["severity"] = "warning" },
        new Dictionary<string, string> { ["summary"] = "s", ["runbook_url"] = "r" });

    [Fact]
    public async Task Lint_WithLiveMetadata_KnowsACounterThatItsNameHides()
    {
        await using var portal = PortalFactory.For();
        var prometheus = portal.Services.GetRequiredService<IPrometheus>();
        var types = await WaitForTypeAsync(prometheus, CounterWithoutSuffix);
        var options = new LintOptions { Metadata = types.ToDictionary(t => t.Key, t => MetricTypes.Parse(t.Value)) };
        var rule = Alert($"sum(rate({CounterWithoutSuffix}[5m])) > 100");

        var offline = RuleLinter.Lint(rule).Select(f => f.Id);
        var live = RuleLinter.Lint(rule, options).Select(f => f.Id);

        Assert.Equal("counter", types[CounterWithoutSuffix]);
        Assert.Contains("rate-of-non-counter", offline);
        Assert.DoesNotContain("rate-of-non-counter", live);
        Assert.Contains("rate-of-non-counter", RuleLinter.Lint(Alert("rate(go_goroutines[5m]) > 1"), options).Select(f => f.Id));
    }

    private static async Task<IReadOnlyDictionary<string, string>> WaitForTypeAsync(IPrometheus prometheus, string metric)
    {
        // The exporters are scraped every 5 s; metadata appears with the first scrape.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var types = await prometheus.MetricTypesAsync(default);
            if (types.ContainsKey(metric) || DateTime.UtcNow > deadline)
            {
                return types;
            }

            await Task.Delay(1000);
        }
    }
}
