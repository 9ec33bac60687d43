using Portal.Domain.RuleFiles;
using static Portal.Tests.Unit.Domain.RuleFiles.RuleFileTestSupport;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>Report lines: one per block, group and rule, with the source line in the caller's text and promtool's reasons.</summary>
public class RuleFileParserReportTests
{
    [Fact]
    public void Parse_RuleFile_ReportsEveryGroupAndRuleWithItsLine()
    {
        var result = Parse("""
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: up == 0

                  - record: b:sum
                    expr: sum(up)
            """);

        Assert.Equal(
            [(ReportKind.Block, "document 1", 1), (ReportKind.Group, "g", 2), (ReportKind.Alert, "A", 4), (ReportKind.Record, "b:sum", 7)],
            result.Report.Select(l => (l.Kind, l.Name, l.Line)));
        Assert.All(result.Report, l => Assert.Equal(ReportStatus.Imported, l.Status));
    }

    [Fact]
    public void Parse_MarkdownBlocks_ReportLinesOfTheWholeDocument()
    {
        var text = string.Join('\n', [
            "# Heading",                 // 1
            "",                          // 2
            "```yaml",                   // 3
            "- alert: First",            // 4
            "  expr: up == 0",           // 5
            "```",                       // 6
            "text",                      // 7
            "```yaml",                   // 8
            "# comment",                 // 9
            "- alert: Second",           // 10
            "  expr: up == 0",           // 11
            "  labels:",                 // 12
            "    bad-name: x",           // 13
            "```",                       // 14
        ]);

        var result = Parse(text);

        Assert.Equal(3, result.Block(0).Line);
        Assert.Equal(4, result.Line("First").Line);
        Assert.Equal(8, result.Block(1).Line);
        Assert.Equal(10, result.Line("Second").Line);
        Assert.Equal(ReportStatus.Error, result.Line("Second").Status);
    }

    [Fact]
    public void Parse_YamlSyntaxError_ComesBackWithLineAndColumn()
    {
        var result = Parse("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: \"up\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ReportKind.Block, error.Kind);
        Assert.Equal(5, error.Line);
        Assert.Equal(15, error.Column);
        Assert.StartsWith("YAML syntax error at line 5, column 15", error.Reason);
    }

    [Fact]
    public void Parse_YamlSyntaxErrorInMarkdownRuleBlock_IsAnErrorAtTheDocumentLine()
    {
        var result = Parse("intro\n\n```yaml\n- alert: A\n  expr: up\n\tfor: 5m\n```\n");

        // YamlDotNet places the error at the start of the scalar the tab interrupted ("up").
        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 9), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_ErrorInLaterDocument_KeepsEarlierDocuments()
    {
        var result = Parse("- alert: A\n  expr: up\n---\n- alert: B\n  expr: [\n");

        Assert.Single(result.File.AllRules);
        Assert.Contains(result.Errors, e => e.Kind == ReportKind.Block && e.Name == "document 2");
    }

    [Fact]
    public void Parse_UnknownAlias_IsAYamlError()
    {
        var result = Parse("- alert: A\n  expr: *nowhere\n");

        Assert.Contains("unknown anchor 'nowhere'", Assert.Single(result.Errors).Reason);
    }

    [Theory]
    [InlineData("groups:\n  - name: \"\"\n    rules: []\n", "group name must not be empty")]
    [InlineData("groups:\n  - rules: []\n", "group name must not be empty")]
    [InlineData("groups:\n  - name: [a]\n    rules: []\n", "field 'name' must be a string, found a list")]
    [InlineData("groups:\n  - name: g\n    rules: {}\n", "rules must be a list of rules, found a mapping")]
    [InlineData("groups:\n  - name: g\n    interval: 1.5m\n    rules: []\n", "invalid 'interval': not a valid duration string")]
    [InlineData("groups:\n  - name: g\n    limit: abc\n    rules: []\n", "field 'limit' must be a whole number, found \"abc\"")]
    [InlineData("groups:\n  - name: g\n    name: h\n    rules: []\n", "mapping key \"name\" already defined at line 2")]
    public void Parse_BrokenGroup_ReportsGroupError(string yaml, string reason)
    {
        var result = Parse(yaml);

        var group = Assert.Single(result.Report, l => l.Kind == ReportKind.Group);
        Assert.Equal(ReportStatus.Error, group.Status);
        Assert.Contains(reason, group.Reason);
        Assert.Empty(result.File.Groups);
    }

    [Fact]
    public void Parse_RepeatedGroupName_RejectsTheSecondGroupAndItsRules()
    {
        var result = Parse("groups:\n  - name: g\n    rules: []\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n");

        var second = result.Report.Where(l => l.Kind == ReportKind.Group).Last();
        Assert.Equal(4, second.Line);
        Assert.Contains("group name \"g\" is repeated in the same file", second.Reason);
        Assert.Contains("not imported because its group has errors", result.Line("A").Reason);
        Assert.Empty(Assert.Single(result.File.Groups).Rules);
    }

    [Theory]
    [InlineData("alert: A\n    record: b\n    expr: up", "only one of 'record' and 'alert' must be set")]
    [InlineData("expr: up", "one of 'record' or 'alert' must be set")]
    [InlineData("alert: \"\"\n    expr: up", "one of 'record' or 'alert' must be set")]
    [InlineData("alert: A", "field 'expr' must be set in rule")]
    [InlineData("alert: A\n    expr: \"  \"", "field 'expr' must be set in rule")]
    [InlineData("alert: A\n    expr: [up]", "field 'expr' must be a string, found a list")]
    [InlineData("alert: {a: b}\n    expr: up", "field 'alert' must be a string, found a mapping")]
    [InlineData("record: r\n    expr: up\n    for: 5m", "invalid field 'for' in recording rule")]
    [InlineData("record: r\n    expr: up\n    keep_firing_for: 5m", "invalid field 'keep_firing_for' in recording rule")]
    [InlineData("record: r\n    expr: up\n    annotations:\n      a: b", "invalid field 'annotations' in recording rule")]
    [InlineData("record: 1r\n    expr: up", "invalid recording rule name: 1r")]
    [InlineData("record: http-requests\n    expr: up", "invalid recording rule name: http-requests")]
    [InlineData("alert: A\n    expr: up\n    labels:\n      1a: x", "invalid label name: 1a")]
    [InlineData("alert: A\n    expr: up\n    labels:\n      __name__: x", "invalid label name: __name__")]
    [InlineData("alert: A\n    expr: up\n    labels:\n      \"\": x", "invalid label name: ")]
    [InlineData("alert: A\n    expr: up\n    annotations:\n      runbook-url: x", "invalid annotation name: runbook-url")]
    [InlineData("alert: A\n    expr: up\n    for: 5x", "invalid 'for': not a valid duration string: \"5x\": unknown unit")]
    [InlineData("alert: A\n    expr: up\n    for: \"\"", "invalid 'for': empty duration string")]
    [InlineData("alert: A\n    expr: up\n    keep_firing_for: 1m1h", "invalid 'keep_firing_for': not a valid duration string")]
    [InlineData("alert: A\n    expr: up\n    for: {a: 1}", "field 'for' must be a duration such as 5m, found a mapping")]
    [InlineData("alert: A\n    expr: up\n    labels: [a]", "labels must be a mapping of names to values, found a list")]
    [InlineData("alert: A\n    expr: up\n    labels:\n      a: {b: c}", "label a: value must be a string, found a mapping")]
    [InlineData("alert: A\n    expr: up\n    expr: down", "mapping key \"expr\" already defined at line 5")]
    public void Parse_BrokenRule_ReportsPromtoolReason(string rule, string reason)
    {
        var result = Parse($"groups:\n  - name: g\n    rules:\n      - {rule.Replace("\n    ", "\n        ", StringComparison.Ordinal)}\n");

        var line = Assert.Single(result.Report, l => l.Kind is ReportKind.Alert or ReportKind.Record or ReportKind.Rule);
        Assert.Equal(ReportStatus.Error, line.Status);
        Assert.Contains(reason, line.Reason);
        Assert.Equal(4, line.Line);
        Assert.Empty(result.File.AllRules);
    }

    [Fact]
    public void Parse_DoubleUnderscoreLabelOtherThanName_IsAcceptedLikePromtool()
    {
        // promtool 2.42 refuses only __name__ among rule labels; other reserved-looking names pass.
        var result = Parse("- alert: A\n  expr: up\n  labels:\n    __tenant: x\n");

        Assert.Equal(ReportStatus.Imported, result.Line("A").Status);
    }

    [Fact]
    public void Parse_RuleOfUnknownKind_IsNamedByPosition()
    {
        var result = Parse("- expr: up\n");

        var line = Assert.Single(result.Report, l => l.Kind == ReportKind.Rule);
        Assert.Equal("rule 1", line.Name);
    }

    [Fact]
    public void Parse_ExpressionCheckerRejects_ReportsParseErrorWithPosition()
    {
        var options = new ParseOptions
        {
            Validation = new ValidationOptions { CheckExpression = e => e.Contains('{') && !e.Contains('}') ? new ExpressionProblem("unexpected end of input inside braces", 1, 4) : null },
        };

        var result = RuleFileParser.Parse("- alert: A\n  expr: up{\n- alert: B\n  expr: up\n", options);

        Assert.Contains("could not parse expression: 1:4: unexpected end of input inside braces", result.Line("A").Reason);
        Assert.Equal(ReportStatus.Imported, result.Line("B").Status);
    }

    [Fact]
    public void Parse_TemplateCheckerRejects_ReportsAnnotationProblem()
    {
        var options = new ParseOptions { Validation = new ValidationOptions { CheckTemplate = t => t.Contains("{{", StringComparison.Ordinal) && !t.Contains("}}", StringComparison.Ordinal) ? "unclosed action" : null } };

        var result = RuleFileParser.Parse("- alert: A\n  expr: up\n  annotations:\n    summary: \"{{ $value\"\n", options);

        Assert.Contains("annotation \"summary\": unclosed action", result.Line("A").Reason);
    }

    [Fact]
    public void Parse_DuplicateRules_ImportBothWithLintWarning()
    {
        var result = Parse("- alert: A\n  expr: up == 0\n- alert: A\n  expr: up == 1\n");

        Assert.Equal(2, result.File.AlertCount);
        var second = result.Report.Last();
        Assert.Equal(ReportStatus.Warning, second.Status);
        Assert.Contains("duplicate rule: same name and labels as the rule at line 1", second.Reason);
    }

    [Fact]
    public void Parse_NullFor_MeansNotSet()
    {
        var result = Parse("- alert: A\n  expr: up\n  for:\n");

        Assert.Null(result.Alert("A").For);
    }

    [Fact]
    public void ReportLine_ToString_ReadsAsOneLine() =>
        Assert.Equal("4:7 alert A: error - boom", new ReportLine(ReportKind.Alert, "A", 4, ReportStatus.Error, "boom", 7).ToString());

    [Fact]
    public void Parse_RandomGarbage_NeverThrows()
    {
        var random = new Random(7);
        const string alphabet = "ab:- \n\t'\"[]{}#&*!|>%@`,?~.0123456789\\\u00e9\u2028";
        for (var i = 0; i < 3000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var result = RuleFileParser.Parse(text);

            Assert.NotEmpty(result.Report);
        }
    }

    [Fact]
    public void Parse_MutatedRuleFiles_NeverThrow()
    {
        const string source = "groups:\n  - name: g\n    interval: 1m\n    rules:\n      - alert: A\n        expr: up{job=\"x\"} == 0\n        for: 5m\n        labels: {severity: page}\n        annotations:\n          summary: |\n            line\n      - record: r:x\n        expr: sum(up)\n";
        var random = new Random(11);
        for (var i = 0; i < 3000; i++)
        {
            var chars = source.ToCharArray();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                chars[random.Next(chars.Length)] = source[random.Next(source.Length)];
            }

            var result = RuleFileParser.Parse(new string(chars));

            Assert.NotEmpty(result.Report);
        }
    }
}
