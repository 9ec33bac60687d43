using Portal.Domain.Lint;

namespace Portal.Tests.Unit.Domain.Lint;

public class RuleLinterTests
{
    private static readonly Dictionary<string, string> GoodLabels = new() { ["severity"] = "warning" };

    private static readonly Dictionary<string, string> GoodAnnotations = new()
    {
        ["summary"] = "Error ratio {{ $value | humanizePercentage }}",
        ["runbook_url"] = "https://runbooks.example/errors",
    };

    private static LintRule Alert(string expr, TimeSpan? @for = null, Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) =>
        new(RuleKind.Alerting, "TestAlert", expr, @for ?? TimeSpan.FromMinutes(5), labels ?? GoodLabels, annotations ?? GoodAnnotations);

    private static IReadOnlyList<string> Ids(LintRule rule, LintOptions? options = null) =>
        RuleLinter.Lint(rule, options).Select(f => f.Id).ToList();

    [Fact]
    public void Lint_AWellWrittenAlert_HasNoFindings() =>
        Assert.Empty(RuleLinter.Lint(Alert(
            "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05")));

    [Fact]
    public void Lint_AWellNamedRecordingRule_HasNoFindings() =>
        Assert.Empty(RuleLinter.Lint(new LintRule(RuleKind.Recording, "job:http_requests:rate5m", "sum by (job) (rate(http_requests_total[5m]))")));

    [Theory]
    [InlineData("rate(up[5m]", "promql-syntax")]
    [InlineData("up[5m]", "rule-result-type")]
    [InlineData("rate(process_resident_memory_bytes[1h]) > 10485760", "rate-of-non-counter")]
    [InlineData("increase(process_resident_memory_bytes[1h]) > 100 * 1024 * 1024", "rate-of-non-counter")]
    [InlineData("redis_cache_hits_total / (redis_cache_hits_total + redis_cache_misses_total) < 0.4", "counter-without-rate")]
    [InlineData("http_requests_total > 1000", "counter-without-rate")]
    [InlineData("histogram_quantile(0.95, rate(api_request_duration_seconds[5m])) > 2", "histogram-quantile-not-bucket")]
    [InlineData("histogram_quantile(0.95, sum by (job) (rate(x_seconds_bucket[5m]))) > 2", "histogram-quantile-without-le")]
    [InlineData("histogram_quantile(0.95, sum without (le) (rate(x_seconds_bucket[5m]))) > 2", "histogram-quantile-without-le")]
    [InlineData("histogram_quantile(0.9, sum by (job) (rate(x_bucket[5m])) * on (job) group_left max by (job) (y)) > 1", "histogram-quantile-without-le")]
    [InlineData("histogram_quantile(0.95, x_seconds_bucket) > 2", "histogram-quantile-without-rate")]
    [InlineData("rate(db_query_duration_seconds_count{le=\"1.0\",gt=\"0.5\"}[5m]) > 10", "le-on-non-bucket")]
    [InlineData("rate(http_requests_total[20s]) > 1", "rate-window-too-short")]
    [InlineData("up", "alert-without-condition")]
    [InlineData("topk(3, rate(http_requests_total[5m])) > 1", "topk-in-alert")]
    [InlineData("irate(http_requests_total[5m]) > 1", "irate-in-alert")]
    [InlineData("rate(errors_total[5m]) / rate(requests_total[5m]) > 5", "percent-threshold")]
    public void Lint_FlagsTheProblem(string expr, string id) => Assert.Contains(id, Ids(Alert(expr)));

    [Theory]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(x_seconds_bucket[5m]))) > 2")]
    [InlineData("rate(errors_total[5m]) / rate(requests_total[5m]) * 100 > 5")]
    [InlineData("up{job=\"api\"} == 0")]
    [InlineData("deriv(process_resident_memory_bytes[30m]) > 1000")]
    [InlineData("absent(up{job=\"api\"})")]
    [InlineData("pg_stat_activity_count > 80")]
    public void Lint_CorrectExpressions_HaveNoExpressionFindings(string expr) =>
        Assert.DoesNotContain(RuleLinter.Lint(Alert(expr)), f => f.Field == "expr");

    /// <summary>An error stops a publish: these sound rules (kube-prometheus' kubelet PLEG rule among them) must not get one.</summary>
    [Theory]
    [InlineData("histogram_quantile(0.9, sum(rate(kubelet_pleg_relist_duration_seconds_bucket[5m])) by (cluster, instance, le) * on(cluster, instance) group_left(node) max by (cluster, instance, node) (kubelet_node_name)) > 1")]
    [InlineData("histogram_quantile(0.9, topk(5, rate(x_bucket[5m]))) > 1")]
    [InlineData("histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])) and on () vector(1)) > 1")]
    [InlineData("histogram_quantile(0.9, label_replace(sum by (job) (rate(x_bucket[5m])), \"le\", \"+Inf\", \"\", \"\")) > 1")]
    public void Lint_LeReachingTheQuantile_IsNoError(string expr) =>
        Assert.DoesNotContain("histogram-quantile-without-le", Ids(Alert(expr)));

    [Fact]
    public void Lint_CpuBusyFractionAgainstAPercentageInTheSummary_IsNotFlagged()
    {
        var rule = Alert("1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m])) > 0.9",
            annotations: new() { ["summary"] = "CPU busy above 90%", ["runbook_url"] = "https://x" });

        Assert.DoesNotContain(RuleLinter.Lint(rule), f => f.Id == "percent-threshold");
    }

    [Fact]
    public void Lint_ErrorRateAgainstAPercentageInTheSummary_IsFlagged()
    {
        var rule = Alert("rate(http_requests_total{status=~\"5..\"}[5m]) > 0.05",
            annotations: new() { ["summary"] = "5xx error rate above 5%", ["runbook_url"] = "https://x" });

        var finding = Assert.Single(RuleLinter.Lint(rule), f => f.Id == "percent-threshold");
        Assert.Contains("per-second rate", finding.Message);
    }

    [Fact]
    public void Lint_MetadataOverridesTheNameGuess()
    {
        var options = new LintOptions { Metadata = new Dictionary<string, MetricType> { ["queue_depth_total"] = MetricType.Gauge } };

        Assert.Contains("rate-of-non-counter", Ids(Alert("rate(queue_depth_total[5m]) > 1"), options));
    }

    [Fact]
    public void Lint_ScrapeIntervalIsConfigurable()
    {
        var rule = Alert("rate(http_requests_total[1m]) > 1");

        Assert.DoesNotContain("rate-window-too-short", Ids(rule));
        Assert.Contains("rate-window-too-short", Ids(rule, new LintOptions { ScrapeInterval = TimeSpan.FromSeconds(60) }));
    }

    [Fact]
    public void Lint_AlertWithoutFor_OnARate_IsFlagged() =>
        Assert.Contains("alert-without-for", Ids(Alert("rate(x_total[5m]) > 1", TimeSpan.Zero)));

    [Fact]
    public void Lint_AbsentWithoutFor_IsFlagged() =>
        Assert.Contains("absent-without-for", Ids(Alert("absent(up{job=\"a\"})", TimeSpan.Zero)));

    [Fact]
    public void Lint_ValueInALabel_IsFlaggedOnThatLabel()
    {
        var finding = Assert.Single(RuleLinter.Lint(Alert("up == 0", labels: new() { ["severity"] = "warning", ["current"] = "{{ $value }}" })),
            f => f.Id == "value-in-labels");

        Assert.Equal("labels.current", finding.Field);
    }

    [Fact]
    public void Lint_SeverityMissingOrUnknown_IsFlagged()
    {
        Assert.Contains("missing-severity", Ids(Alert("up == 0", labels: [])));
        Assert.Contains("unknown-severity", Ids(Alert("up == 0", labels: new() { ["severity"] = "page" })));
    }

    [Fact]
    public void Lint_MissingSummaryAndRunbook_AreFlagged()
    {
        var ids = Ids(Alert("up == 0", annotations: []));

        Assert.Contains("missing-summary", ids);
        Assert.Contains("missing-runbook", ids);
    }

    [Fact]
    public void Lint_TemplateErrors_ComeFromTheConfiguredChecker()
    {
        var options = new LintOptions { CheckTemplate = t => t.Contains("{{ $value ") && !t.Contains("}}") ? "1:10: unclosed action" : null };
        var rule = Alert("up == 0", annotations: new() { ["summary"] = "value {{ $value ", ["runbook_url"] = "x" });

        var finding = Assert.Single(RuleLinter.Lint(rule, options), f => f.Id == "template-error");
        Assert.Equal("annotations.summary", finding.Field);
        Assert.Contains("1:10", finding.Message);
    }

    [Fact]
    public void Lint_RecordingRuleNamedLikeAMetric_GetsANamingHint() =>
        Assert.Contains("recording-rule-name",
            RuleLinter.Lint(new LintRule(RuleKind.Recording, "cache_hit_rate", "sum(rate(a_total[5m])) / sum(rate(b_total[5m]))")).Select(f => f.Id));

    [Fact]
    public void Lint_SyntaxError_PointsAtLineAndColumnInTheExpression()
    {
        var finding = Assert.Single(RuleLinter.Lint(Alert("sum(rate(x_total[5m]))\n  > > 1")), f => f.Id == "promql-syntax");

        Assert.Equal(2, finding.Position!.Value.Line);
        Assert.Equal(LintSeverity.Error, finding.Severity);
    }

    [Fact]
    public void Lint_FindingsPointAtTheOffendingSelector()
    {
        const string expr = "rate(db_query_duration_seconds_count{le=\"1.0\"}[5m]) > 10";

        var finding = Assert.Single(RuleLinter.Lint(Alert(expr)), f => f.Id == "le-on-non-bucket");

        Assert.Equal("db_query_duration_seconds_count{le=\"1.0\"}", expr[finding.Span!.Value.Start..finding.Span.Value.End]);
        Assert.Equal(6, finding.Position!.Value.Column);
    }

    [Fact]
    public void LintGroups_DuplicateGroupAndRuleNames_AreFlagged()
    {
        var rule = Alert("up == 0");
        var findings = RuleLinter.LintGroups([("api", [rule, rule]), ("api", [])]);

        Assert.Contains(findings, f => f.Id == "duplicate-rule-name");
        Assert.Contains(findings, f => f.Id == "duplicate-group-name");
    }

    [Fact]
    public void Checks_AreAtLeastFifteen_WithUniqueIdsAndExplanations()
    {
        Assert.True(LintChecks.All.Count >= 15);
        Assert.Equal(LintChecks.All.Count, LintChecks.All.Select(c => c.Id).Distinct().Count());
        Assert.All(LintChecks.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Explanation)));
    }
}
