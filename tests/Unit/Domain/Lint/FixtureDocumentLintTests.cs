using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Xunit.Abstractions;

namespace Portal.Tests.Unit.Domain.Lint;

/// <summary>The mistakes hidden in the fixture documents' rules, as users make them, are all found.</summary>
public class FixtureDocumentLintTests(ITestOutputHelper output)
{
    private static List<(Rule? Rule, LintFinding Finding)> LintAllDocuments()
    {
        var all = new List<(Rule?, LintFinding)>();
        foreach (var name in FixtureDocuments.All)
        {
            var path = FixtureDocuments.PathOf(name);
            var imported = RuleFileParser.Parse(File.ReadAllText(path), ParseOptions.ForFile(path));
            all.AddRange(LintRules.LintFile(imported.File));
        }

        return all;
    }

    [Theory]
    [InlineData("counter-without-rate", "redis_cache_hits_total / (redis_cache_hits_total + redis_cache_misses_total)")]
    [InlineData("histogram-quantile-not-bucket", "rate(api_request_duration_seconds[5m])")]
    [InlineData("rate-of-non-counter", "rate(process_resident_memory_bytes[1h])")]
    [InlineData("rate-of-non-counter", "rate(container_last_seen_timestamp")]
    [InlineData("le-on-non-bucket", "db_query_duration_seconds_count{le=\"1.0\"")]
    [InlineData("percent-threshold", "rate(http_requests_total{status=~\"5..\"}[5m]) > 0.05")]
    public void Lint_FixtureRules_FindTheKnownMistakes(string id, string expressionPart)
    {
        var findings = LintAllDocuments();

        Assert.Contains(findings, f => f.Finding.Id == id && f.Rule is not null && f.Rule.Expr.Contains(expressionPart, StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_EveryFixtureRule_IsLintedWithoutErrorsFromLintItself()
    {
        var findings = LintAllDocuments();

        Assert.DoesNotContain(findings, f => f.Finding.Id == "promql-syntax");
        foreach (var group in findings.GroupBy(f => f.Finding.Id).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"{group.Key,-32} {group.Count(),4}");
        }

        foreach (var (rule, finding) in findings.Where(f => f.Finding.Severity != LintSeverity.Info))
        {
            output.WriteLine($"{finding.Severity,-8} {finding.Id,-30} {rule?.Name ?? "(file)",-28} {finding.Message}");
        }

        Assert.NotEmpty(findings);
    }
}
