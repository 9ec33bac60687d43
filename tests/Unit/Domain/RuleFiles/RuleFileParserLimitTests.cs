using System.Text;
using Portal.Domain.RuleFiles;
using static Portal.Tests.Unit.Domain.RuleFiles.RuleFileTestSupport;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>
/// Inputs that would tie up the portal are refused with a clear message. Times are printed, not
/// asserted (timings belong to tests/Benchmarks); what is asserted is that the refusal happens.
/// </summary>
public class RuleFileParserLimitTests
{
    private static string BillionLaughs()
    {
        var text = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append($"a{i}: &a{i} [").Append(string.Join(',', Enumerable.Repeat($"*a{i - 1}", 9))).Append("]\n");
        }

        return text.Append("groups: *a9\n").ToString();
    }

    [Fact]
    public void Parse_BillionLaughs_IsRefusedQuickly()
    {
        var text = BillionLaughs();
        RuleFileParser.Parse(text); // warm up, so the measurement is of the parser, not of JIT
        var result = RuleFileParser.Parse(text);

        Assert.True(result.Refused);
        Assert.Contains("billion laughs", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void Parse_BillionLaughsInMarkdownBlock_IsRefused()
    {
        var result = Parse("# doc\n\n```yaml\n" + BillionLaughs() + "```\n");

        Assert.True(result.Refused);
        Assert.Contains("line 3", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void Parse_ModestAliasUse_IsAccepted()
    {
        var rules = string.Join("", Enumerable.Range(0, 200).Select(i => $"  - alert: A{i}\n    expr: up\n    labels: *common\n"));

        var result = Parse("x: &common {team: web, severity: page}\n" + "rules:\n" + rules);

        Assert.False(result.Refused);
        Assert.Equal(200, result.File.AlertCount);
    }

    [Fact]
    public void Parse_InputOverFiveMegabytes_IsRefused()
    {
        var text = "# " + new string('x', ParseLimits.MaxBytes);
        var result = RuleFileParser.Parse(text);

        Assert.True(result.Refused);
        Assert.Contains("larger than 5 MB", Assert.Single(result.Report).Reason);
    }

    [Fact]
    public void Parse_MultiByteTextOverFiveMegabytes_IsRefusedByByteCount()
    {
        var text = "# " + new string('\u00e9', (ParseLimits.MaxBytes / 2) + 1);

        Assert.True(RuleFileParser.Parse(text).Refused);
    }

    [Fact]
    public void Parse_FiftyDocuments_AreAccepted()
    {
        var text = string.Join("---\n", Enumerable.Range(0, 50).Select(i => $"- alert: A{i}\n  expr: up\n"));

        var result = Parse(text);

        Assert.False(result.Refused);
        Assert.Equal(50, result.File.AlertCount);
    }

    [Fact]
    public void Parse_FiftyOneDocuments_AreRefused()
    {
        var text = string.Join("---\n", Enumerable.Range(0, 51).Select(i => $"- alert: A{i}\n  expr: up\n"));

        var result = Parse(text);

        Assert.True(result.Refused);
        Assert.Contains("more than 50 YAML documents", Assert.Single(result.Report).Reason);
        Assert.Empty(result.File.Groups);
    }

    [Fact]
    public void Parse_FiftyOneMarkdownBlocks_AreRefused()
    {
        var text = string.Join("\n", Enumerable.Range(0, 51).Select(i => $"```yaml\n- alert: A{i}\n  expr: up\n```\n"));

        Assert.True(Parse(text).Refused);
    }

    [Fact]
    public void Parse_MarkdownBlocksWithSeveralDocuments_CountEveryDocument()
    {
        var block = "```yaml\n" + string.Join("---\n", Enumerable.Range(0, 26).Select(i => $"- alert: A{i}\n  expr: up\n")) + "```\n";

        Assert.True(Parse(block + "\n" + block).Refused);
    }

    [Fact]
    public void Parse_DeepNesting_IsRefusedQuickly()
    {
        var text = new string('[', 1_000_000);
        var result = RuleFileParser.Parse(text);

        Assert.True(result.Refused);
        Assert.Contains("nested deeper than 64 levels", Assert.Single(result.Report).Reason);
    }
}
