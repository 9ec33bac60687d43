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

    public static TheoryData<string, int> Seeds() => new()
    {
        { "000_65c7c3bc3aae19f3.txt", 53 },
        { "001_f1fc0334a2f7bb67.txt", 5 },
        { "002_9d790f527e149a19.txt", 10 },
        { "003_af23336497c973a5.txt", 0 },
        { "004_e5f7f141842e33b6.txt", 0 },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Import_SeedDocument_StoresEveryRule_AndReimportingChangesNothing(string seed, int rules)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Promtool.SeedsDirectory(), seed));
        var ns = "seed-" + seed[..3];
        var request = new ImportRequest(text, ns, seed);

        var plan = await Store.PlanImportAsync(request, default);
        var before = await Store.ListAsync(new RuleQuery(Namespace: ns), default);
        var first = await Store.ImportAsync(request, Actor, default);
        var again = await Store.ImportAsync(request, Actor, default);
        var stored = await Store.ListAsync(new RuleQuery(Namespace: ns, Take: 500), default);

        output.WriteLine($"{seed}: {plan.Count(ImportAction.Create)} to create, {plan.Count(ImportAction.Refuse)} refused, " +
                         $"{plan.Count(ImportAction.Note)} notes; stored {stored.Total}");
        Console.WriteLine($"Catalog import {seed}: {stored.Total} rules stored, re-import: {again.Value!.Count(ImportAction.Unchanged)} unchanged");
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
        var text = await File.ReadAllTextAsync(Path.Combine(Promtool.SeedsDirectory(), "000_65c7c3bc3aae19f3.txt"));
        await Store.ImportAsync(new ImportRequest(text, "roundtrip", "000.md"), Actor, default);

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
