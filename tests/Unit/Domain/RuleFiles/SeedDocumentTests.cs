using Portal.Domain.RuleFiles;
using static Portal.Tests.Unit.Domain.RuleFiles.RuleFileTestSupport;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>
/// The five seed documents (real users' Markdown) import with the numbers of rules counted by hand:
/// 000 has five `name: expr` query blocks (4+5+6+4+7 recording rules) and eleven rule lists
/// (3+3+4+3+4 and 2+2+2+2+2 alerts); 001 has one pasted pair, another pair and one single alert;
/// 002 has ten one-rule lists with severity beside expr; 003 and 004 have no ```yaml blocks.
/// </summary>
public class SeedDocumentTests
{
    [Theory]
    [InlineData("000_65c7c3bc3aae19f3.txt", 27, 26)]
    [InlineData("001_f1fc0334a2f7bb67.txt", 5, 0)]
    [InlineData("002_9d790f527e149a19.txt", 10, 0)]
    [InlineData("003_af23336497c973a5.txt", 0, 0)]
    [InlineData("004_e5f7f141842e33b6.txt", 0, 0)]
    public void Parse_SeedDocument_FindsTheRulesCountedByHand(string seed, int alerts, int records)
    {
        var path = Path.Combine(SeedsDirectory(), seed);

        var result = RuleFileParser.Parse(File.ReadAllText(path), ParseOptions.ForFile(path));

        Assert.False(result.HasErrors, string.Join('\n', result.Errors));
        Assert.Equal(alerts, result.File.AlertCount);
        Assert.Equal(records, result.File.RecordCount);
        Assert.Equal(alerts + records, result.Report.Count(l => l.Kind is ReportKind.Alert or ReportKind.Record));
    }

    [Fact]
    public void Parse_SeedWithSeverityBesideExpr_WarnsOncePerRule()
    {
        var path = Path.Combine(SeedsDirectory(), "002_9d790f527e149a19.txt");

        var result = RuleFileParser.Parse(File.ReadAllText(path), ParseOptions.ForFile(path));

        Assert.Equal(10, result.Warnings.Count(w => w.Reason.Contains("severity belongs under labels", StringComparison.Ordinal)));
        Assert.All(result.File.AllRules, r => Assert.True(r.Labels.ContainsKey("severity")));
        Assert.Equal("002_9d790f527e149a19", Assert.Single(result.File.Groups).Name);
    }

    [Fact]
    public void Parse_SeedWithConfigBlocks_SkipsThemAsInfo()
    {
        var path = Path.Combine(SeedsDirectory(), "000_65c7c3bc3aae19f3.txt");

        var result = RuleFileParser.Parse(File.ReadAllText(path), ParseOptions.ForFile(path));

        Assert.Equal([602, 628, 640], result.Report.Where(l => l.Status == ReportStatus.Info).Select(l => l.Line));
    }

    [Fact]
    public void Parse_SeedRuleLines_PointAtTheAlertKeyInTheDocument()
    {
        var path = Path.Combine(SeedsDirectory(), "001_f1fc0334a2f7bb67.txt");
        var lines = File.ReadAllLines(path);

        var result = RuleFileParser.Parse(File.ReadAllText(path), ParseOptions.ForFile(path));

        foreach (var line in result.Report.Where(l => l.Kind == ReportKind.Alert))
        {
            Assert.Equal($"alert: {line.Name}", lines[line.Line - 1]);
        }
    }

    [Fact]
    public void RenderThenParse_EverySeed_GivesTheSameRules()
    {
        foreach (var path in Directory.GetFiles(SeedsDirectory(), "0*.txt"))
        {
            var imported = RuleFileParser.Parse(File.ReadAllText(path), ParseOptions.ForFile(path)).File;

            var again = RuleFileParser.Parse(RuleFileRenderer.Render(imported));

            Assert.Equal(imported, again.File);
        }
    }
}
