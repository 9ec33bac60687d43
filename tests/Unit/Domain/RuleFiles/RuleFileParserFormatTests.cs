using Portal.Domain.RuleFiles;
using static Portal.Tests.Unit.Domain.RuleFiles.RuleFileTestSupport;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>Every input format the importer accepts, read into the same model.</summary>
public class RuleFileParserFormatTests
{
    private const string RuleFileText = """
        groups:
          - name: api
            interval: 30s
            limit: 10
            rules:
              - record: job:http_requests:rate5m
                expr: sum by (job) (rate(http_requests_total[5m]))
                labels:
                  team: web
              - alert: HighErrorRate
                expr: job:http_errors:rate5m > 0.05
                for: 5m
                keep_firing_for: 10m
                labels:
                  severity: critical
                annotations:
                  summary: Error rate above 5%
          - name: empty
            rules: []
        """;

    [Fact]
    public void Parse_PrometheusRuleFile_ImportsGroupsWithTheirSettings()
    {
        var result = Parse(RuleFileText);

        Assert.False(result.HasErrors);
        Assert.Equal(["api", "empty"], result.File.Groups.Select(g => g.Name));
        var api = result.File.Groups[0];
        Assert.Equal(PromDuration.Parse("30s"), api.Interval);
        Assert.Equal(10, api.Limit);
        Assert.Equal(2, api.Rules.Length);
        var alert = result.Alert("HighErrorRate");
        Assert.Equal(PromDuration.Parse("5m"), alert.For);
        Assert.Equal(PromDuration.Parse("10m"), alert.KeepFiringFor);
        Assert.Equal("critical", alert.Labels["severity"]);
        Assert.Equal("Error rate above 5%", alert.Annotations["summary"]);
        Assert.Equal("web", result.Record("job:http_requests:rate5m").Labels["team"]);
    }

    [Fact]
    public void Parse_PrometheusRuleFile_KeepsRuleOrder()
    {
        var result = Parse(RuleFileText);

        Assert.Equal(["job:http_requests:rate5m", "HighErrorRate"], result.File.Groups[0].Rules.Select(r => r.Name));
    }

    [Fact]
    public void Parse_SeveralYamlDocuments_ImportsGroupsOfEach()
    {
        var result = Parse("""
            groups:
              - name: one
                rules:
                  - alert: A
                    expr: up == 0
            ---
            groups:
              - name: two
                rules:
                  - alert: B
                    expr: up == 0
            """);

        Assert.False(result.HasErrors);
        Assert.Equal(["one", "two"], result.File.Groups.Select(g => g.Name));
        Assert.Equal(["document 1", "document 2"], result.Report.Where(l => l.Kind == ReportKind.Block).Select(l => l.Name));
    }

    [Fact]
    public void Parse_BareListOfRules_ImportsEachRuleIntoTheDefaultGroup()
    {
        var result = Parse("""
            - alert: A
              expr: up == 0
            - record: b:sum
              expr: sum(up)
            """, defaultGroup: "team-rules");

        var group = Assert.Single(result.File.Groups);
        Assert.Equal("team-rules", group.Name);
        Assert.Equal(["A", "b:sum"], group.Rules.Select(r => r.Name));
        Assert.Equal(ReportStatus.Imported, result.Line("team-rules").Status);
    }

    [Fact]
    public void Parse_SingleRuleMapping_ImportsTheRule()
    {
        var result = Parse("""
            alert: InstanceDown
            expr: up == 0
            for: 1m
            labels:
              severity: page
            """);

        var rule = result.Alert("InstanceDown");
        Assert.Equal("up == 0", rule.Expr);
        Assert.Equal("imported", Assert.Single(result.File.Groups).Name);
    }

    [Fact]
    public void Parse_PrometheusRuleManifest_ImportsSpecGroups()
    {
        var result = Parse("""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: api-rules
              namespace: monitoring
            spec:
              groups:
                - name: api
                  rules:
                    - alert: A
                      expr: up == 0
            """);

        Assert.False(result.HasErrors);
        Assert.Equal("api", Assert.Single(result.File.Groups).Name);
        Assert.Contains("PrometheusRule api-rules", result.Block().Reason);
    }

    [Fact]
    public void Parse_PrometheusRuleWithOtherApiVersion_ImportsWithWarning()
    {
        var result = Parse("""
            apiVersion: monitoring.coreos.com/v1beta1
            kind: PrometheusRule
            metadata: {name: x}
            spec: {groups: [{name: g, rules: [{alert: A, expr: up}]}]}
            """);

        Assert.Equal(ReportStatus.Warning, result.Block().Status);
        Assert.Single(result.File.AllRules);
    }

    [Fact]
    public void Parse_OtherKubernetesManifest_IsSkippedWithInfo()
    {
        var result = Parse("""
            apiVersion: v1
            kind: ConfigMap
            data:
              groups: x
            """);

        Assert.Equal(ReportStatus.Info, result.Block().Status);
        Assert.Contains("ConfigMap", result.Block().Reason);
    }

    [Fact]
    public void Parse_NamedQueryMap_ImportsRecordingRulesNamedByKey()
    {
        var result = Parse("""
            # hit rate
            cache_hit_rate:
              sum(rate(cache_hits_total[5m])) / sum(rate(cache_requests_total[5m]))
            memory_mb:
              process_resident_memory_bytes / (1024 * 1024)  # MB
            """);

        Assert.False(result.HasErrors);
        Assert.Equal("sum(rate(cache_hits_total[5m])) / sum(rate(cache_requests_total[5m]))", result.Record("cache_hit_rate").Expr);
        Assert.Equal("process_resident_memory_bytes / (1024 * 1024)", result.Record("memory_mb").Expr);
        Assert.Contains("named queries", result.Block().Reason);
    }

    [Theory]
    [InlineData("scrape_interval: 30s\nretention: 7d\nalert_rules: 10\n", "Prometheus configuration")]
    [InlineData("global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: x\n", "Prometheus configuration")]
    [InlineData("route:\n  receiver: default\nreceivers:\n  - name: default\n", "Alertmanager configuration")]
    [InlineData("services:\n  web:\n    image: nginx:latest\n", "docker-compose")]
    [InlineData("web:\n  image: nginx:latest\n  deploy: {}\n", "docker-compose")]
    [InlineData("{\"dashboard\": {\"title\": \"x\"}, \"panels\": []}", "dashboard")]
    [InlineData("- job_name: node\n  static_configs: []\n", "scrape configuration")]
    [InlineData("image: nginx:latest\ncontainer_name: web\n", "no rules in it")]
    [InlineData("description: Disk is almost full / very full\n", "no rules in it")]
    public void Parse_ConfigurationThatIsNotRules_IsSkippedWithInfo(string yaml, string expected)
    {
        var result = Parse(yaml);

        Assert.False(result.HasErrors);
        Assert.Empty(result.File.Groups);
        Assert.Equal(ReportStatus.Info, result.Block().Status);
        Assert.Contains(expected, result.Block().Reason);
    }

    [Fact]
    public void Parse_MarkdownWithYamlBlocks_ImportsRulesFromEachBlock()
    {
        var result = Parse("""
            # Alerts

            Some prose with `code`.

            ```yaml
            - alert: A
              expr: up == 0
            ```

            ```promql
            rate(x[5m])
            ```

            ```yml
            b_total:rate5m:
              rate(b_total[5m])
            ```
            """);

        Assert.False(result.HasErrors);
        Assert.Equal(1, result.File.AlertCount);
        Assert.Equal(1, result.File.RecordCount);
        Assert.Equal(["block 1", "block 2"], result.Report.Where(l => l.Kind == ReportKind.Block).Select(l => l.Name));
    }

    [Fact]
    public void Parse_MarkdownWithConfigBlock_SkipsItWithInfo()
    {
        var result = Parse("""
            ```yaml
            scrape_configs:
              - job_name: api
            ```
            """);

        Assert.False(result.HasErrors);
        Assert.Equal(ReportStatus.Info, result.Block().Status);
    }

    [Fact]
    public void Parse_MarkdownWithoutYamlBlocks_ReportsNothingToImport()
    {
        var result = Parse("# Title\n\n```bash\necho hi\n```\n");

        Assert.False(result.HasErrors);
        Assert.Contains("without ```yaml blocks", Assert.Single(result.Report).Reason);
    }

    [Fact]
    public void Parse_MarkdownBlockInsideListItem_StripsItsIndentation()
    {
        var result = Parse("1. Add this:\n\n   ```yaml\n   - alert: A\n     expr: up == 0\n   ```\n");

        Assert.Equal("up == 0", result.Alert("A").Expr);
        Assert.Equal(4, result.Line("A").Line);
        Assert.Equal(6, result.Line("A").Column);
    }

    [Fact]
    public void Parse_TildeFenceAndLongerBacktickFence_AreRecognised()
    {
        var result = Parse("~~~yaml\n- alert: A\n  expr: up\n~~~\n\n````yaml\n- alert: B\n  expr: up\n  annotations:\n    d: |\n      ```\n      still inside\n      ```\n````\n");

        Assert.Equal(2, result.File.AlertCount);
        Assert.Equal("```\nstill inside\n```\n", result.Alert("B").Annotations["d"]);
    }

    [Fact]
    public void Parse_ForcedYamlFormat_IgnoresFences()
    {
        var result = Parse("- alert: A\n  expr: up\n  annotations:\n    d: |\n      ```yaml\n      x\n      ```\n", format: InputFormat.Yaml);

        Assert.Equal("```yaml\nx\n```\n", result.Alert("A").Annotations["d"]);
    }

    [Fact]
    public void Parse_ListOfGroupsWithoutGroupsKey_ImportsWithWarning()
    {
        var result = Parse("""
            - name: g
              rules:
                - alert: A
                  expr: up
            """);

        Assert.Equal("g", Assert.Single(result.File.Groups).Name);
        Assert.Equal(ReportStatus.Warning, result.Block().Status);
    }

    [Fact]
    public void Parse_SingleGroupWithoutGroupsKey_ImportsWithWarning()
    {
        var result = Parse("""
            name: g
            rules:
              - alert: A
                expr: up
            """);

        Assert.Equal("g", Assert.Single(result.File.Groups).Name);
        Assert.Equal(ReportStatus.Warning, result.Block().Status);
    }

    [Fact]
    public void Parse_BareRulesFromSeveralBlocks_ShareOneDefaultGroup()
    {
        var result = Parse("```yaml\n- alert: A\n  expr: up\n```\n\n```yaml\n- alert: B\n  expr: up\n```\n", defaultGroup: "doc");

        Assert.Equal(["A", "B"], Assert.Single(result.File.Groups).Rules.Select(r => r.Name));
    }

    [Fact]
    public void Parse_AnchorsAndMergeKeys_AreExpanded()
    {
        var result = Parse("""
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: up == 0
                    labels: &common
                      team: web
                      severity: warning
                  - alert: B
                    expr: up == 0
                    labels:
                      <<: *common
                      severity: critical
            """);

        Assert.Equal(LabelMap.Of(("severity", "critical"), ("team", "web")), result.Alert("B").Labels);
    }

    [Fact]
    public void Parse_EmptyInput_ReportsNothingToImport()
    {
        var result = Parse("");

        Assert.False(result.HasErrors);
        Assert.Equal(ReportStatus.Info, Assert.Single(result.Report).Status);
    }

    [Fact]
    public void Parse_CrlfLineEndings_AreRead()
    {
        var result = Parse("groups:\r\n  - name: g\r\n    rules:\r\n      - alert: A\r\n        expr: up\r\n");

        Assert.Equal(4, result.Line("A").Line);
        Assert.Equal("up", result.Alert("A").Expr);
    }
}
