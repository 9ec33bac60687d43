using Portal.Domain.RuleFiles;
using static Portal.Tests.Unit.Domain.RuleFiles.RuleFileTestSupport;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>What people write that Prometheus would refuse but whose meaning is clear: imported, with a warning.</summary>
public class RuleFileParserToleranceTests
{
    [Fact]
    public void Parse_SeverityBesideExpr_MovesIntoLabelsWithWarning()
    {
        var result = Parse("""
            - alert: ServiceDown
              expr: up == 0
              for: 2m
              severity: critical
            """);

        Assert.Equal("critical", result.Alert("ServiceDown").Labels["severity"]);
        var line = result.Line("ServiceDown");
        Assert.Equal(ReportStatus.Warning, line.Status);
        Assert.Contains("severity belongs under labels", line.Reason);
    }

    [Fact]
    public void Parse_SeverityBesideExprAndUnderLabels_KeepsTheLabelAndWarns()
    {
        var result = Parse("""
            - alert: A
              expr: up == 0
              severity: warning
              labels:
                severity: critical
            """);

        Assert.Equal("critical", result.Alert("A").Labels["severity"]);
        Assert.Contains("kept \"critical\"", result.Line("A").Reason);
    }

    [Fact]
    public void Parse_SummaryBesideExpr_MovesIntoAnnotations()
    {
        var result = Parse("- alert: A\n  expr: up == 0\n  summary: Instance down\n");

        Assert.Equal("Instance down", result.Alert("A").Annotations["summary"]);
        Assert.Equal(ReportStatus.Warning, result.Line("A").Status);
    }

    [Fact]
    public void Parse_UnknownRuleKey_IsIgnoredWithWarning()
    {
        var result = Parse("- alert: A\n  expr: up == 0\n  owner: team-a\n");

        var line = result.Line("A");
        Assert.Equal(ReportStatus.Warning, line.Status);
        Assert.Contains("unknown field 'owner' in rule was ignored", line.Reason);
        Assert.Single(result.File.AllRules);
    }

    [Fact]
    public void Parse_UnknownGroupAndTopLevelKeys_AreIgnoredWithWarnings()
    {
        var result = Parse("""
            version: 2
            groups:
              - name: g
                query_offset: 1m
                rules:
                  - alert: A
                    expr: up
            """);

        Assert.Contains("unknown field 'version' at the top level", result.Block().Reason);
        Assert.Contains("unknown field 'query_offset' in group", result.Line("g").Reason);
        Assert.Single(result.File.AllRules);
    }

    [Fact]
    public void Parse_StrictMode_TurnsUnknownKeysIntoErrors()
    {
        var result = Parse("- alert: A\n  expr: up == 0\n  severity: critical\n", strict: true);

        var line = result.Line("A");
        Assert.Equal(ReportStatus.Error, line.Status);
        Assert.Contains("unknown field 'severity' in rule; it belongs under labels", line.Reason);
        Assert.Empty(result.File.AllRules);
    }

    [Theory]
    [InlineData("priority: 1", "1", "the number 1")]
    [InlineData("ratio: 0.5", "0.5", "the number 0.5")]
    [InlineData("page: true", "true", "the boolean true")]
    [InlineData("empty: ~", "", "has no value")]
    [InlineData("empty:", "", "has no value")]
    public void Parse_NonStringLabelValue_BecomesStringWithWarning(string label, string expected, string reason)
    {
        var result = Parse($"- alert: A\n  expr: up\n  labels:\n    {label}\n");

        Assert.Equal(expected, result.Alert("A").Labels.Single().Value);
        Assert.Equal(ReportStatus.Warning, result.Line("A").Status);
        Assert.Contains(reason, result.Line("A").Reason);
    }

    [Theory]
    [InlineData("priority: \"1\"")]
    [InlineData("page: yes")]
    [InlineData("level: !!str 2")]
    public void Parse_StringLabelValues_ImportWithoutWarning(string label)
    {
        var result = Parse($"- alert: A\n  expr: up\n  labels:\n    {label}\n");

        Assert.Equal(ReportStatus.Imported, result.Line("A").Status);
    }

    [Fact]
    public void Parse_RulesPastedWithoutListMarkers_AreSplitIntoSeparateRules()
    {
        var result = Parse("""
            # first
            alert: A
            expr: up == 0
            for: 2m

            # second
            alert: B
            expr: up == 0
            labels:
              severity: critical
            """);

        Assert.Equal(["A", "B"], result.File.AllRules.Select(r => r.Name));
        Assert.Equal(2, result.Line("A").Line);
        Assert.Equal(7, result.Line("B").Line);
        Assert.Equal(ReportStatus.Warning, result.Block().Status);
    }

    [Fact]
    public void Parse_ZeroForOnRecordingRule_IsDroppedWithWarning()
    {
        var result = Parse("- record: a:b\n  expr: sum(up)\n  for: 0s\n");

        Assert.Equal(ReportStatus.Warning, result.Line("a:b").Status);
        Assert.Single(result.File.AllRules);
    }

    [Fact]
    public void Parse_NegativeLimit_MeansNoLimitWithWarning()
    {
        var result = Parse("groups:\n  - name: g\n    limit: -1\n    rules: []\n");

        Assert.Null(Assert.Single(result.File.Groups).Limit);
        Assert.Equal(ReportStatus.Warning, result.Line("g").Status);
    }

    [Fact]
    public void Parse_GroupWithoutNameInLooseForm_IsNamedFromDefault()
    {
        var result = Parse("rules:\n  - alert: A\n    expr: up\n", defaultGroup: "from-file");

        Assert.Equal("from-file", Assert.Single(result.File.Groups).Name);
    }

    [Fact]
    public void Parse_EmptyEntries_AreIgnoredWithWarning()
    {
        var result = Parse("groups:\n  -\n  - name: g\n    rules:\n      -\n      - alert: A\n        expr: up\n");

        Assert.Single(result.File.AllRules);
        Assert.Equal(ReportStatus.Warning, result.Block().Status);
        Assert.Equal(ReportStatus.Warning, result.Line("g").Status);
    }

    [Fact]
    public void Parse_YamlErrorInMarkdownBlockWithoutRules_IsOnlyInfo()
    {
        var result = Parse("```yaml\nkey: \"unterminated\n```\n\n```yaml\n- alert: A\n  expr: up\n```\n");

        Assert.False(result.HasErrors);
        Assert.Equal(ReportStatus.Info, result.Block().Status);
        Assert.Single(result.File.AllRules);
    }

    [Fact]
    public void Parse_PartlyBrokenFile_ImportsTheGoodRulesAndReportsTheRest()
    {
        var result = Parse("""
            groups:
              - name: g
                rules:
                  - alert: Good
                    expr: up == 0
                  - record: bad name
                    expr: sum(up)
            """);

        Assert.Equal(["Good"], result.File.AllRules.Select(r => r.Name));
        Assert.Equal(ReportStatus.Error, result.Line("bad name").Status);
        Assert.Equal(ReportStatus.Warning, result.Line("g").Status);
        Assert.Contains("1 of its 2 rules were not imported", result.Line("g").Reason);
    }
}
