using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.Catalog;

public class StarterPackTests
{
    private static readonly ImportResult Parsed = RuleFileParser.Parse(StarterPack.Yaml);

    [Fact]
    public void StarterPack_ParsesWithoutErrorsOrWarnings()
    {
        Assert.False(Parsed.Refused);
        Assert.Empty(Parsed.Errors);
        Assert.Empty(Parsed.Warnings);
        Assert.InRange(Parsed.File.AlertCount, 12, 30);
        Assert.InRange(Parsed.File.RecordCount, 3, 4);
    }

    [Fact]
    public void StarterPack_HasNoLintErrors_AndOnlyTheOneJustifiedWarning()
    {
        // What Prometheus' metadata API reports for the PostgreSQL exporter: offline, lint takes a name
        // without _total for a gauge, which these two counters are not.
        var options = new LintOptions
        {
            Metadata = new Dictionary<string, MetricType>
            {
                ["pg_stat_database_xact_commit"] = MetricType.Counter,
                ["pg_stat_database_xact_rollback"] = MetricType.Counter,
            },
        };

        var findings = LintRules.LintFile(Parsed.File, options).Select(f => $"{f.Rule?.Name}: {f.Finding.Id}").ToList();

        // Load per CPU is a ratio that is meant to exceed 1: "more than two runnable tasks per CPU".
        Assert.Equal(["NodeLoadHigh: percent-threshold"], findings);
    }

    [Fact]
    public void StarterPack_EveryRuleValidates_AsTheCatalogStoresIt()
    {
        foreach (var rule in Parsed.File.AllRules)
        {
            Assert.Empty(RuleContent.From(rule).Validate());
        }
    }

    [Fact]
    public void StarterPack_AlertsComeWithSeverityAndARelativeRunbook()
    {
        foreach (var alert in Parsed.File.AllRules.OfType<AlertingRule>())
        {
            Assert.Contains(alert.Labels["severity"], new[] { "warning", "critical" });
            Assert.StartsWith("/runbooks/", alert.Annotations["runbook_url"], StringComparison.Ordinal);
            Assert.NotNull(alert.For);
        }
    }

    [Fact]
    public void StarterPack_PairedAlerts_ShareTheirQuery_AndDifferInThresholdAndSeverity()
    {
        var pairs = Parsed.File.AllRules.OfType<AlertingRule>().GroupBy(a => a.Alert).Where(g => g.Count() > 1).ToList();

        Assert.True(pairs.Count >= 4);
        foreach (var pair in pairs)
        {
            var parts = pair.Select(a => ThresholdParts.Of(a.Expr) ?? throw new Xunit.Sdk.XunitException($"{a.Alert} has no threshold form")).ToList();
            Assert.Single(parts.Select(p => p.Query).Distinct());
            Assert.Equal(pair.Count(), parts.Select(p => p.Threshold).Distinct().Count());
            Assert.Equal(pair.Count(), pair.Select(a => a.Labels["severity"]).Distinct().Count());
        }
    }

    [Fact]
    public void StarterPack_RecordingRules_AreNamedLevelMetricOperations()
    {
        foreach (var record in Parsed.File.AllRules.OfType<RecordingRule>())
        {
            Assert.Matches("^[a-z_]+:[a-z_0-9]+:[a-z_0-9]+$", record.Record);
        }
    }

    [Fact]
    public void StarterPack_RoundTripsThroughTheRenderer()
    {
        var rendered = RuleFileRenderer.Render(Parsed.File);

        Assert.Equal(Parsed.File, RuleFileParser.Parse(rendered).File);
    }
}
