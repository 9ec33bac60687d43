using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>The model refuses what no Prometheus rule file can hold, and compares by content.</summary>
public class RuleModelTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n")]
    public void AlertingRule_BlankExpression_IsRefused(string expr) =>
        Assert.Throws<ArgumentException>(() => new AlertingRule("A", expr));

    [Fact]
    public void AlertingRule_EmptyName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new AlertingRule("", "up"));

    [Fact]
    public void RecordingRule_EmptyName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new RecordingRule("", "up"));

    [Fact]
    public void With_BlankExpression_IsRefusedToo() =>
        Assert.Throws<ArgumentException>(() => new AlertingRule("A", "up") with { Expr = " " });

    [Fact]
    public void LabelMap_LoneSurrogate_IsRefused() =>
        Assert.Throws<ArgumentException>(() => LabelMap.Of(("a", "\ud800")));

    [Fact]
    public void LabelMap_RepeatedName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => LabelMap.From([KeyValuePair.Create("a", "1"), KeyValuePair.Create("a", "2")]));

    [Fact]
    public void RuleGroup_EmptyName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new RuleGroup("", []));

    [Fact]
    public void RuleGroup_NegativeLimit_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuleGroup("g", [], limit: -1));

    [Fact]
    public void RuleFile_RepeatedGroupName_IsRefused() =>
        Assert.Contains("\"g\"", Assert.Throws<ArgumentException>(() => new RuleFile([new RuleGroup("g", []), new RuleGroup("g", [])])).Message);

    [Fact]
    public void Equality_SameContentBuiltSeparately_IsEqual()
    {
        RuleFile Build() => new([
            new RuleGroup("g", [new AlertingRule("A", "up", PromDuration.Parse("5m"), labels: LabelMap.Of(("b", "2"), ("a", "1")))], PromDuration.Parse("1m")),
        ]);

        Assert.Equal(Build(), Build());
        Assert.Equal(Build().GetHashCode(), Build().GetHashCode());
    }

    [Fact]
    public void Equality_DifferentRuleOrder_IsNotEqual()
    {
        Rule a = new AlertingRule("A", "up");
        Rule b = new AlertingRule("B", "up");

        Assert.NotEqual(new RuleGroup("g", [a, b]), new RuleGroup("g", [b, a]));
    }

    [Fact]
    public void LabelMap_EnumeratesInOrdinalOrder() =>
        Assert.Equal(["A", "_", "a", "b"], LabelMap.Of(("b", ""), ("a", ""), ("_", ""), ("A", "")).Keys);

    [Fact]
    public void Validate_ModelBuiltInCode_ReportsPromtoolProblems()
    {
        var file = new RuleFile([
            new RuleGroup("g", [
                new RecordingRule("bad-name", "up", LabelMap.Of(("ok", "x"), ("1bad", "y"))),
                new AlertingRule("A", "up", annotations: LabelMap.Of(("no-dash", "x"))),
                new AlertingRule("A", "up"),
            ]),
        ]);

        var problems = RuleFileValidator.Validate(file);

        Assert.Equal([
            (0, ProblemSeverity.Error, "invalid recording rule name: bad-name"),
            (0, ProblemSeverity.Error, "invalid label name: 1bad"),
            (1, ProblemSeverity.Error, "invalid annotation name: no-dash"),
            (2, ProblemSeverity.Warning, "duplicate rule: same name and labels as rule 2 of group \"g\" (promtool lint: might cause inconsistency while recording expressions)"),
        ], problems.Select(p => (p.RuleIndex!.Value, p.Severity, p.Reason)));
    }

    [Theory]
    [InlineData("up", true)]
    [InlineData("job:http_requests:rate5m", true)]
    [InlineData(":leading_colon", true)]
    [InlineData("_underscore", true)]
    [InlineData("1starts_with_digit", false)]
    [InlineData("has-dash", false)]
    [InlineData("has space", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("", false)]
    public void IsValidMetricName_FollowsPrometheusRules(string name, bool valid) =>
        Assert.Equal(valid, PrometheusNames.IsValidMetricName(name));

    [Theory]
    [InlineData("severity", true)]
    [InlineData("__meta", true)]
    [InlineData("with:colon", false)]
    [InlineData("9lives", false)]
    public void IsValidLabelName_FollowsPrometheusRules(string name, bool valid) =>
        Assert.Equal(valid, PrometheusNames.IsValidLabelName(name));
}
