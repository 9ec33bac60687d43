using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Domain.Templates;
using Portal.Tests.Unit.Domain.Templates;

namespace Portal.Tests.Unit.Domain.Lint;

/// <summary>Templates over the render budget and group intervals below the floor are errors; below the global interval a warning.</summary>
public class TemplateAndIntervalLintTests
{
    private static LintRule Alert(Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) =>
        new(RuleKind.Alerting, "Bomb", "up == 0", TimeSpan.FromMinutes(5),
            labels ?? new Dictionary<string, string> { ["severity"] = "warning" },
            annotations ?? new Dictionary<string, string> { ["summary"] = "down", ["runbook_url"] = "https://r.example" });

    [Fact]
    public void Lint_DefineBombInAnAnnotation_IsATemplateBudgetErrorAtTheAnnotation()
    {
        var rule = Alert(annotations: new() { ["summary"] = HostileTemplates.Get("define-bomb-9-levels"), ["runbook_url"] = "https://r.example" });

        var finding = Assert.Single(RuleLinter.Lint(rule), f => f.Id == LintChecks.TemplateBudget.Id);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("annotations.summary", finding.Field);
        Assert.StartsWith("annotation \"summary\": 1:", finding.Message);
        Assert.Contains("template output exceeds 65,536 characters", finding.Message);
    }

    [Fact]
    public void Lint_BombInALabelTemplate_IsATemplateBudgetErrorAtTheLabel()
    {
        var rule = Alert(labels: new() { ["severity"] = "warning", ["team"] = "{{ printf \"%0999999d\" 1 }}" });

        var finding = Assert.Single(RuleLinter.Lint(rule), f => f.Id == LintChecks.TemplateBudget.Id);

        Assert.Equal("labels.team", finding.Field);
    }

    [Fact]
    public void Lint_LoopOverTheRulesOwnLabels_IsRenderedWithThoseLabels()
    {
        var labels = new Dictionary<string, string>(HostileTemplates.ManyLabels(60)) { ["severity"] = "warning" };
        var rule = Alert(labels: labels, annotations: new() { ["summary"] = HostileTemplates.Get("nested-range-silent"), ["runbook_url"] = "https://r.example" });

        Assert.Contains(RuleLinter.Lint(rule), f => f.Id == LintChecks.TemplateBudget.Id && f.Field == "annotations.summary");
    }

    [Fact]
    public void Lint_TighterTemplateLimits_AreHonoured()
    {
        var rule = Alert(annotations: new() { ["summary"] = "{{ $labels.alertname }} is down on {{ $labels.instance }}", ["runbook_url"] = "https://r.example" });

        Assert.DoesNotContain(RuleLinter.Lint(rule), f => f.Id == LintChecks.TemplateBudget.Id);
        Assert.Contains(RuleLinter.Lint(rule, new LintOptions { TemplateLimits = new TemplateLimits { OutputCharacters = 10 } }),
            f => f.Id == LintChecks.TemplateBudget.Id);
    }

    [Fact]
    public void Lint_WithoutTemplateLimits_DoesNotRender()
    {
        var rule = Alert(annotations: new() { ["summary"] = HostileTemplates.Get("define-bomb-9-levels"), ["runbook_url"] = "https://r.example" });

        Assert.DoesNotContain(RuleLinter.Lint(rule, new LintOptions { TemplateLimits = null }), f => f.Id == LintChecks.TemplateBudget.Id);
    }

    [Fact]
    public void Lint_OneMegabyteAnnotation_IsATemplateErrorWithoutRendering()
    {
        var rule = Alert(annotations: new() { ["summary"] = HostileTemplates.Get("one-megabyte-text"), ["runbook_url"] = "https://r.example" });

        var finding = Assert.Single(RuleLinter.Lint(rule), f => f.Severity == LintSeverity.Error);

        Assert.Equal(LintChecks.TemplateError.Id, finding.Id);
        Assert.Equal("annotation \"summary\": 1:1: template text exceeds 65,536 characters", finding.Message);
    }

    [Fact]
    public void LintInterval_OneMillisecond_IsAnErrorNamingTheGroupAndField()
    {
        var finding = Assert.Single(RuleLinter.LintInterval("fast", PromDuration.Parse("1ms")));

        Assert.Equal(LintChecks.GroupIntervalTooShort.Id, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("groups.fast.interval", finding.Field);
        Assert.Equal("group \"fast\": interval 1ms is below the minimum group interval of 5s", finding.Message);
    }

    [Theory]
    [InlineData("5s")]
    [InlineData("30s")]
    [InlineData("59s")]
    public void LintInterval_AtOrAboveTheFloorButBelowTheGlobalInterval_IsAWarning(string interval)
    {
        var finding = Assert.Single(RuleLinter.LintInterval("g", PromDuration.Parse(interval)));

        Assert.Equal(LintChecks.GroupIntervalBelowGlobal.Id, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal($"group \"g\": interval {interval} is below the global evaluation interval of 1m", finding.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0s")]
    [InlineData("1m")]
    [InlineData("5m")]
    public void LintInterval_NoneZeroOrAtTheGlobalInterval_HasNoFinding(string? interval) =>
        Assert.Empty(RuleLinter.LintInterval("g", interval is null ? null : PromDuration.Parse(interval)));

    [Fact]
    public void LintInterval_ConfiguredFloorAndGlobalInterval_AreHonoured()
    {
        var options = new LintOptions { MinimumGroupInterval = TimeSpan.FromSeconds(30), GlobalEvaluationInterval = TimeSpan.FromSeconds(15) };

        Assert.Equal(LintChecks.GroupIntervalTooShort.Id, Assert.Single(RuleLinter.LintInterval("g", PromDuration.Parse("20s"), options)).Id);
        Assert.Empty(RuleLinter.LintInterval("g", PromDuration.Parse("30s"), options));
    }

    [Fact]
    public void LintFile_GroupBelowTheFloor_IsAnErrorOfTheFileNotOfARule()
    {
        var file = RuleFileParser.Parse("""
            groups:
              - name: hot
                interval: 1ms
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
            """).File;

        var (rule, finding) = Assert.Single(LintRules.LintFile(file), f => f.Finding.Severity == LintSeverity.Error);

        Assert.Null(rule);
        Assert.Equal(LintChecks.GroupIntervalTooShort.Id, finding.Id);
    }
}
