using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.RuleFiles;

/// <summary>
/// The fixture documents (Markdown as users write it) import with the numbers of rules counted by hand:
/// the metrics document has five `name: expr` query blocks (4+5+6+4+7 recording rules) and eleven rule
/// lists (3+3+4+3+4 and 2+2+2+2+2 alerts); the runbook has one pasted pair, another pair and one single
/// alert; the report has ten one-rule lists with severity beside expr; the other two have no ```yaml blocks.
/// </summary>
public class FixtureDocumentTests
{
    private static ImportResult ParseFixture(string name)
    {
        var path = FixtureDocuments.PathOf(name);
        return RuleFileParser.Parse(File.ReadAllText(path), ParseOptions.ForFile(path));
    }

    [Theory]
    [InlineData(FixtureDocuments.MetricsAndAlertPairs, 27, 26)]
    [InlineData(FixtureDocuments.OperationsRunbook, 5, 0)]
    [InlineData(FixtureDocuments.ReliabilityReport, 10, 0)]
    [InlineData(FixtureDocuments.ProductionAlertingSetup, 0, 0)]
    [InlineData(FixtureDocuments.ResourceMonitoringGuide, 0, 0)]
    public void Parse_FixtureDocument_FindsTheRulesCountedByHand(string name, int alerts, int records)
    {
        var result = ParseFixture(name);

        Assert.False(result.HasErrors, string.Join('\n', result.Errors));
        Assert.Equal(alerts, result.File.AlertCount);
        Assert.Equal(records, result.File.RecordCount);
        Assert.Equal(alerts + records, result.Report.Count(l => l.Kind is ReportKind.Alert or ReportKind.Record));
    }

    [Fact]
    public void Parse_DocumentWithSeverityBesideExpr_WarnsOncePerRule()
    {
        var result = ParseFixture(FixtureDocuments.ReliabilityReport);

        Assert.Equal(10, result.Warnings.Count(w => w.Reason.Contains("severity belongs under labels", StringComparison.Ordinal)));
        Assert.All(result.File.AllRules, r => Assert.True(r.Labels.ContainsKey("severity")));
        Assert.Equal("reliability-report", Assert.Single(result.File.Groups).Name);
    }

    [Fact]
    public void Parse_DocumentWithConfigBlocks_SkipsThemAsInfo()
    {
        var result = ParseFixture(FixtureDocuments.MetricsAndAlertPairs);

        // The opening fences of the prometheus.yml, storage and alertmanager.yml blocks.
        Assert.Equal([603, 629, 641], result.Report.Where(l => l.Status == ReportStatus.Info).Select(l => l.Line));
    }

    [Fact]
    public void Parse_PastedRuleLines_PointAtTheAlertKeyInTheDocument()
    {
        var lines = File.ReadAllLines(FixtureDocuments.PathOf(FixtureDocuments.OperationsRunbook));

        var result = ParseFixture(FixtureDocuments.OperationsRunbook);

        Assert.Equal(5, result.Report.Count(l => l.Kind == ReportKind.Alert));
        foreach (var line in result.Report.Where(l => l.Kind == ReportKind.Alert))
        {
            Assert.Equal($"alert: {line.Name}", lines[line.Line - 1]);
        }
    }

    [Theory]
    [InlineData(FixtureDocuments.MetricsAndAlertPairs)]
    [InlineData(FixtureDocuments.OperationsRunbook)]
    [InlineData(FixtureDocuments.ReliabilityReport)]
    [InlineData(FixtureDocuments.ProductionAlertingSetup)]
    [InlineData(FixtureDocuments.ResourceMonitoringGuide)]
    public void RenderThenParse_FixtureDocument_GivesTheSameRules(string name)
    {
        var imported = ParseFixture(name).File;

        var again = RuleFileParser.Parse(RuleFileRenderer.Render(imported));

        Assert.Equal(imported, again.File);
    }
}
