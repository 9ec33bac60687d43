using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;
using Portal.Tests.Integration.RuleFiles;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Catalog;

public class ImportExportTests(CatalogDatabase database, ITestOutputHelper output) : IClassFixture<CatalogDatabase>
{
    private static readonly Caller Actor = Caller.Of("importer", [PortalRole.Admin], []);
    private IRuleStore Store => database.Store;

    [Theory]
    [InlineData(FixtureDocuments.MetricsAndAlertPairs, 53)]
    [InlineData(FixtureDocuments.OperationsRunbook, 5)]
    [InlineData(FixtureDocuments.ReliabilityReport, 10)]
    [InlineData(FixtureDocuments.ProductionAlertingSetup, 0)]
    [InlineData(FixtureDocuments.ResourceMonitoringGuide, 0)]
    public async Task Import_FixtureDocument_StoresEveryRule_AndReimportingChangesNothing(string document, int rules)
    {
        var text = FixtureDocuments.Read(document);
        var ns = "doc-" + Path.GetFileNameWithoutExtension(document);
        var request = new ImportRequest(text, ns, document);

        var plan = await Store.PlanImportAsync(request, default);
        var before = await Store.ListAsync(new RuleQuery(Namespace: ns), default);
        var first = await Store.ImportAsync(request, Actor, default);
        var again = await Store.ImportAsync(request, Actor, default);
        var stored = await Store.ListAsync(new RuleQuery(Namespace: ns, Take: 500), default);

        output.WriteLine($"{document}: {plan.Count(ImportAction.Create)} to create, {plan.Count(ImportAction.Refuse)} refused, " +
                         $"{plan.Count(ImportAction.Note)} notes; stored {stored.Total}");
        Console.WriteLine($"Catalog import {document}: {stored.Total} rules stored, re-import: {again.Value!.Count(ImportAction.Unchanged)} unchanged");
        Assert.Equal(0, before.Total);
        Assert.Equal(rules, plan.Count(ImportAction.Create));
        Assert.Equal(rules, first.Value!.Count(ImportAction.Create));
        Assert.Equal(rules, stored.Total);
        Assert.Equal(StoreOutcome.Unchanged, again.Outcome);
        Assert.Equal(rules, again.Value.Count(ImportAction.Unchanged));
        Assert.Equal(0, again.Value.Count(ImportAction.Create) + again.Value.Count(ImportAction.Update));
    }

    [Fact]
    public async Task Export_PassesPromtool_AndReimportingItYieldsIdenticalRules()
    {
        var text = FixtureDocuments.Read(FixtureDocuments.MetricsAndAlertPairs);
        await Store.ImportAsync(new ImportRequest(text, "roundtrip", FixtureDocuments.MetricsAndAlertPairs), Actor, default);

        var export = Assert.Single(await Store.ExportAsync("roundtrip", default));
        var yaml = RuleFileRenderer.Render(export.File);
        var path = Path.Combine(Path.GetTempPath(), $"portal-export-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, yaml);
        var promtool = await Promtool.CheckRulesAsync(path);
        File.Delete(path);
        var reimport = await Store.PlanImportAsync(new ImportRequest(yaml, "roundtrip"), default);

        Assert.True(promtool.Passed, promtool.Output);
        Assert.Equal(53, export.File.AllRules.Count());
        Assert.All(reimport.Items.Where(i => i.Action != ImportAction.Note), i => Assert.Equal(ImportAction.Unchanged, i.Action));
        Assert.Equal(53, reimport.Count(ImportAction.Unchanged));
    }

    [Fact]
    public async Task Import_ChangedThreshold_UpdatesTheRule_AsANewVersion()
    {
        const string before = "groups:\n- name: api\n  rules:\n  - alert: Errors\n    expr: rate(errors_total[5m]) > 1\n    for: 5m\n";
        await Store.ImportAsync(new ImportRequest(before, "updates"), Actor, default);

        var result = await Store.ImportAsync(new ImportRequest(before.Replace("> 1", "> 2"), "updates"), Actor, default);

        var item = Assert.Single(result.Value!.Items);
        Assert.Equal(ImportAction.Update, item.Action);
        var rule = (await Store.ListAsync(new RuleQuery(Namespace: "updates"), default)).Items.Single();
        Assert.Equal(2, (await Store.HistoryAsync(rule.Id, default)).Count);
        Assert.Equal(2, Assert.Single(await Store.ThresholdHistoryAsync(rule.Id, default)).New);
    }

    [Fact]
    public async Task Import_RefusedItems_AreReportedWithTheirLine_WhileTheRestImports()
    {
        const string text = "- alert: Good\n  expr: up == 0\n- alert: Broken\n  expr: sum(up\n- record: bad name\n  expr: up\n";

        var result = await Store.ImportAsync(new ImportRequest(text, "mixed"), Actor, default);

        Assert.Equal(1, result.Value!.Count(ImportAction.Create));
        var refused = result.Value.Items.Where(i => i.Action == ImportAction.Refuse).ToList();
        Assert.Equal(2, refused.Count);
        Assert.Contains(refused, r => r.Line == 3 && r.Reason.Contains("parse", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Import_MaliciousYaml_IsRefusedWhole_AndWritesNothing()
    {
        var laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var i = 0; i < 9; i++)
        {
            laughs += $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)}]\n";
        }

        var result = await Store.ImportAsync(new ImportRequest(laughs, "laughs"), Actor, default);

        Assert.Equal(StoreOutcome.Invalid, result.Outcome);
        Assert.True(result.Value!.Refused);
        Assert.DoesNotContain(await Store.NamespacesAsync(default), n => n.Name == "laughs");
    }
}
