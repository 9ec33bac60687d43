using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.RuleFiles;

public class RuleFileRendererTests
{
    private static RuleFile File(params Rule[] rules) => new([new RuleGroup("g", rules)]);

    private static string RenderedValue(string value)
    {
        var yaml = RuleFileRenderer.Render(File(new AlertingRule("A", "up", annotations: LabelMap.Of(("v", value)))));
        var start = yaml.IndexOf("          v: ", StringComparison.Ordinal) + "          v: ".Length;
        return yaml[start..].TrimEnd('\n');
    }

    [Fact]
    public void Render_RuleFile_UsesPrometheusKeyOrderAndSortedLabels()
    {
        var file = new RuleFile([
            new RuleGroup("api", [
                new RecordingRule("job:up:sum", "sum by (job) (up)", LabelMap.Of(("team", "web"))),
                new AlertingRule("Down", "job:up:sum == 0", PromDuration.Parse("5m"), PromDuration.Parse("10m"),
                    LabelMap.Of(("team", "web"), ("severity", "page")), LabelMap.Of(("summary", "down"), ("description", "all down"))),
            ], PromDuration.Parse("30s"), 100),
        ]);

        var expected = """
            groups:
              - name: api
                interval: 30s
                limit: 100
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                    labels:
                      team: web
                  - alert: Down
                    expr: job:up:sum == 0
                    for: 5m
                    keep_firing_for: 10m
                    labels:
                      severity: page
                      team: web
                    annotations:
                      description: all down
                      summary: down

            """;

        Assert.Equal(expected.Replace("\r\n", "\n", StringComparison.Ordinal), RuleFileRenderer.Render(file));
    }

    [Fact]
    public void Render_EmptyFileAndEmptyGroup_AreValidYaml()
    {
        Assert.Equal("groups: []\n", RuleFileRenderer.Render(RuleFile.Empty));
        Assert.Equal("groups:\n  - name: g\n    rules: []\n", RuleFileRenderer.Render(new RuleFile([new RuleGroup("g", [])])));
    }

    [Fact]
    public void Render_SameModelTwice_GivesIdenticalText()
    {
        var a = LabelMap.From([KeyValuePair.Create("z", "1"), KeyValuePair.Create("a", "2")]);
        var b = LabelMap.From([KeyValuePair.Create("a", "2"), KeyValuePair.Create("z", "1")]);

        Assert.Equal(
            RuleFileRenderer.Render(File(new AlertingRule("A", "up", labels: a))),
            RuleFileRenderer.Render(File(new AlertingRule("A", "up", labels: b))));
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("rate(x[5m]) > 0.5", "rate(x[5m]) > 0.5")]
    [InlineData("{{ $value }}", "\"{{ $value }}\"")]
    [InlineData("Current: {{ $value | humanize }}", "\"Current: {{ $value | humanize }}\"")]
    [InlineData("a # not a comment", "\"a # not a comment\"")]
    [InlineData("a#b", "\"a#b\"")]
    [InlineData("key: value", "\"key: value\"")]
    [InlineData("---", "\"---\"")]
    [InlineData("a --- b", "\"a --- b\"")]
    [InlineData(" leading", "\" leading\"")]
    [InlineData("trailing ", "\"trailing \"")]
    [InlineData("up{job=\"x\"}", "'up{job=\"x\"}'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("both ' and \"", "'both '' and \"'")]
    [InlineData("back\\slash", "'back\\slash'")]
    [InlineData("caf\u00e9", "\"caf\u00e9\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("OFF", "\"OFF\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("42", "\"42\"")]
    [InlineData("0.5", "\"0.5\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData(".5", "\".5\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("12:30", "\"12:30\"")]
    [InlineData("2024-01-01", "\"2024-01-01\"")]
    [InlineData("-1", "\"-1\"")]
    [InlineData("- item", "\"- item\"")]
    [InlineData("*ref", "\"*ref\"")]
    [InlineData("&anchor", "\"&anchor\"")]
    [InlineData("!tag", "\"!tag\"")]
    [InlineData("%directive", "\"%directive\"")]
    [InlineData("@at", "\"@at\"")]
    [InlineData("`tick", "\"`tick\"")]
    [InlineData("[list]", "\"[list]\"")]
    [InlineData("{map}", "\"{map}\"")]
    [InlineData("ends:", "\"ends:\"")]
    [InlineData("<<", "\"<<\"")]
    [InlineData("", "\"\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("bell\u0007", "\"bell\\u0007\"")]
    [InlineData("nel\u0085", "\"nel\\u0085\"")]
    [InlineData("ls\u2028", "\"ls\\u2028\"")]
    [InlineData("bom\uFEFF", "\"bom\\uFEFF\"")]
    [InlineData("del\u007F", "\"del\\u007F\"")]
    [InlineData("cr\rlf", "\"cr\\rlf\"")]
    public void Render_ScalarNeedingCare_IsQuotedSafely(string value, string expected) =>
        Assert.Equal(expected, RenderedValue(value));

    [Fact]
    public void Render_MultiLineExpression_UsesLiteralBlock()
    {
        var yaml = RuleFileRenderer.Render(File(new AlertingRule("A", "sum(rate(a[5m]))\n  /\nsum(rate(b[5m])) > 0.5")));

        Assert.Contains("        expr: |-\n          sum(rate(a[5m]))\n            /\n          sum(rate(b[5m])) > 0.5\n", yaml);
    }

    [Fact]
    public void Render_MultiLineWithTrailingNewline_UsesClippedLiteralBlock()
    {
        var yaml = RuleFileRenderer.Render(File(new AlertingRule("A", "up\n== 0\n")));

        Assert.Contains("expr: |\n          up\n          == 0\n", yaml);
    }

    [Theory]
    [InlineData(" indented first\nline")]
    [InlineData("trailing space \nline")]
    [InlineData("a\n   \nb")]
    [InlineData("two newlines\n\n")]
    [InlineData("\nleading newline")]
    [InlineData("tab\n\tline")]
    [InlineData("a\r\nb")]
    public void Render_MultiLineUnsafeForLiteralBlock_IsDoubleQuoted(string value) =>
        Assert.StartsWith("\"", RenderedValue(value));

    [Fact]
    public void Render_InvalidLabelName_IsStillQuotedSafely()
    {
        var yaml = RuleFileRenderer.Render(File(new AlertingRule("A", "up", labels: LabelMap.Of(("a: b", "x"), ("yes", "y"), ("line\nbreak", "z")))));

        Assert.Contains("\"a: b\": x", yaml);
        Assert.Contains("\"yes\": \"y\"", yaml);
        Assert.Contains("\"line\\nbreak\": z", yaml);
    }

    [Fact]
    public void Render_VeryLongLabelName_UsesExplicitKey()
    {
        var name = new string('k', 1500);
        var file = File(new AlertingRule("A", "up", labels: LabelMap.Of((name, "v"))));

        var yaml = RuleFileRenderer.Render(file);

        Assert.Contains("? " + name + "\n", yaml);
        Assert.Equal(file, RuleFileParser.Parse(yaml, new ParseOptions { Validation = ValidationOptions.Default }).File);
    }

    [Fact]
    public void RenderPrometheusRule_WrapsGroupsInManifest()
    {
        var metadata = new ManifestMetadata("api-rules", "monitoring", LabelMap.Of(("release", "prometheus")));

        var yaml = RuleFileRenderer.RenderPrometheusRule(File(new AlertingRule("A", "up == 0")), metadata);

        Assert.Equal("""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: api-rules
              namespace: monitoring
              labels:
                release: prometheus
            spec:
              groups:
                - name: g
                  rules:
                    - alert: A
                      expr: up == 0

            """.Replace("\r\n", "\n", StringComparison.Ordinal), yaml);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    [InlineData("")]
    public void ManifestMetadata_InvalidKubernetesName_IsRefused(string name) =>
        Assert.Throws<ArgumentException>(() => new ManifestMetadata(name));

    [Fact]
    public void ManifestMetadata_InvalidNamespace_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new ManifestMetadata("ok", "not.a.label"));
}
