using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Integration.Catalog;

/// <summary>
/// The rules list at scale (issue 19): the sort keys copied onto each rule row stay right whatever moves or renames
/// its namespace and group, and the count is exact under the cap and a lower bound above it, without losing pages.
/// </summary>
public class RuleListScaleTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private static readonly Caller Admin = As.Admin("alice");

    private IRuleStore Store => database.Store;

    private ICatalogLifecycle Lifecycle => (ICatalogLifecycle)database.Store;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static RuleContent Alert(string name) => new(RuleKind.Alerting, name, "up == 0", PromDuration.Parse("5m"), null,
        LabelMap.Of(("severity", "warning")), LabelMap.Empty);

    private async Task<(NamespaceSummary Namespace, GroupSummary Group)> NamespaceAsync(string name, string group = "api")
    {
        var ns = (await Store.CreateNamespaceAsync(name, "team-a", Admin, default)).Value!;
        return (ns, (await Store.SaveGroupAsync(new GroupEdit(null, ns.Id, group, null, null, 0), Admin, default)).Value!);
    }

    private async Task<RuleDetail> RuleAsync(GroupSummary group, string name) =>
        (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert(name), 0), Admin, default)).Value!;

    /// <summary>What the triggers wrote on the rule row, next to what its group and namespace say now.</summary>
    private async Task<(string Copied, int CopiedPosition, string Actual, int ActualPosition)> KeysAsync(Guid ruleId)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        return await db.Rules.IgnoreQueryFilters().Where(r => r.Id == ruleId)
            .Select(r => new ValueTuple<string, int, string, int>(r.NamespaceName, r.GroupPosition, r.Group.Namespace.Name, r.Group.Position))
            .SingleAsync();
    }

    private async Task<List<Guid>> PositionOrderAsync(params Guid[] ids) =>
        (await Store.ListAsync(new RuleQuery { Ids = ids }, default)).Items.Select(i => i.Id).ToList();

    [Fact]
    public async Task NamespaceRename_MovesItsRulesInThePositionOrder()
    {
        var suffix = Unique("x");
        var (_, first) = await NamespaceAsync("b-" + suffix);
        var (_, second) = await NamespaceAsync("c-" + suffix);
        var early = await RuleAsync(first, "Early");
        var late = await RuleAsync(second, "Late");
        Assert.Equal([early.Id, late.Id], await PositionOrderAsync(early.Id, late.Id));

        var renamed = await Lifecycle.ChangeNamespaceAsync("c-" + suffix, new NamespaceChange(Name: "a-" + suffix), Admin, default);

        Assert.Equal(StoreOutcome.Saved, renamed.Outcome);
        Assert.Equal([late.Id, early.Id], await PositionOrderAsync(early.Id, late.Id));
        var keys = await KeysAsync(late.Id);
        Assert.Equal(("a-" + suffix, "a-" + suffix), (keys.Copied, keys.Actual));
    }

    [Fact]
    public async Task GroupRename_KeepsItsPlace_AndAGroupMovedByHand_CarriesItsRules()
    {
        var (ns, first) = await NamespaceAsync(Unique("groups"), "first");
        var second = (await Store.SaveGroupAsync(new GroupEdit(null, ns.Id, "second", null, null, 0), Admin, default)).Value!;
        var a = await RuleAsync(first, "A");
        var b = await RuleAsync(second, "B");

        var renamed = await Store.SaveGroupAsync(new GroupEdit(first.Id, ns.Id, "renamed", null, null, first.Version), Admin, default);

        Assert.Equal(StoreOutcome.Saved, renamed.Outcome);
        var page = await Store.ListAsync(new RuleQuery(Namespace: ns.Name), default);
        Assert.Equal([(a.Id, "renamed"), (b.Id, "second")], page.Items.Select(i => (i.Id, i.Group)).ToList());

        // No store method reorders groups today; whoever does (or an operator in psql) still keeps the list right.
        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE rule_groups SET position = position + 10 WHERE id = {first.Id}");
        }

        Assert.Equal([b.Id, a.Id], (await Store.ListAsync(new RuleQuery(Namespace: ns.Name), default)).Items.Select(i => i.Id).ToList());
        var keys = await KeysAsync(a.Id);
        Assert.Equal(keys.ActualPosition, keys.CopiedPosition);
    }

    [Fact]
    public async Task RuleMovedToAnotherNamespace_TakesThatNamespacesKeys()
    {
        var suffix = Unique("m");
        var (_, from) = await NamespaceAsync("z-" + suffix);
        var (_, to) = await NamespaceAsync("a-" + suffix);
        var anchor = await RuleAsync(to, "Anchor");
        var moving = await RuleAsync(from, "Moving");
        Assert.Equal([anchor.Id, moving.Id], await PositionOrderAsync(anchor.Id, moving.Id));

        var moved = await Store.MoveAsync(moving.Id, moving.Version, to.Id, 0, Admin, default);

        Assert.Equal(StoreOutcome.Saved, moved.Outcome);
        var keys = await KeysAsync(moving.Id);
        Assert.Equal(("a-" + suffix, keys.ActualPosition), (keys.Copied, keys.CopiedPosition));
        // Moved to the head of the group: it now comes before the rule that was there.
        Assert.Equal([moving.Id, anchor.Id], await PositionOrderAsync(anchor.Id, moving.Id));
    }

    [Fact]
    public async Task Import_WritesTheKeys_InTheFilesGroupOrder()
    {
        var name = Unique("imported");
        const string text = """
            groups:
              - name: zeta
                rules:
                  - alert: First
                    expr: up == 0
              - name: alpha
                rules:
                  - alert: Second
                    expr: up == 0
                  - alert: Third
                    expr: up == 0
            """;

        var result = await Store.ImportAsync(new ImportRequest(text, name, Team: "team-a"), Admin, default);

        Assert.Equal(StoreOutcome.Saved, result.Outcome);
        var page = await Store.ListAsync(new RuleQuery(Namespace: name), default);
        Assert.Equal(["First", "Second", "Third"], page.Items.Select(i => i.Name).ToList());
        foreach (var item in page.Items)
        {
            var keys = await KeysAsync(item.Id);
            Assert.Equal((name, keys.ActualPosition), (keys.Copied, keys.CopiedPosition));
        }
    }

    [Fact]
    public async Task Count_IsExactUnderTheCap_ALowerBoundAboveIt_AndEveryPageIsReachable()
    {
        var (small, smallGroup) = await NamespaceAsync(Unique("small"));
        foreach (var n in new[] { "One", "Two", "Three" })
        {
            await RuleAsync(smallGroup, n);
        }

        // Past the cap in one statement: the store's own writes would take minutes for ten thousand rules.
        var (big, bigGroup) = await NamespaceAsync(Unique("big"));
        var rows = RulePage.CountCap + 50;
        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO rules (id, group_id, position, kind, name, expr_head, expr_tail, labels, annotations, enabled,
                                   error_count, warning_count, version_number, created_at, updated_at, updated_by)
                SELECT gen_random_uuid(), {bigGroup.Id}, i, 'Alerting', 'Bulk' || lpad(i::text, 5, '0'), 'up == 0', '', jsonb_build_object(), jsonb_build_object(), true,
                       0, 0, 1, now(), now(), 'test'
                FROM generate_series(1, {rows}) i
                """);
        }

        var exact = await Store.ListAsync(new RuleQuery(Namespace: small.Name), default);
        var capped = await Store.ListAsync(new RuleQuery(Namespace: big.Name), default);
        var beyond = await Store.ListAsync(new RuleQuery(Namespace: big.Name, Skip: RulePage.CountCap - 50, Take: 50), default);
        var last = await Store.ListAsync(new RuleQuery(Namespace: big.Name, Skip: RulePage.CountCap, Take: 50), default);

        Assert.Equal((3, false), (exact.Total, exact.TotalIsLowerBound));
        Assert.Equal((RulePage.CountCap + 1, true), (capped.Total, capped.TotalIsLowerBound));
        Assert.Equal(50, capped.Items.Count);
        // Counting goes one row past the page it serves, so the page before the cap still offers "next" ...
        Assert.True(beyond.TotalIsLowerBound);
        Assert.True(beyond.Total > RulePage.CountCap);
        // ... and the page that reaches the end knows the exact total again.
        Assert.Equal((rows, false), (last.Total, last.TotalIsLowerBound));
        Assert.Equal(50, last.Items.Count);
        Assert.Equal("Bulk" + rows.ToString("00000"), last.Items[^1].Name);

        // A text this common is tested rule by rule along the sort order rather than through the trigram scan: same answer.
        var common = await Store.ListAsync(new RuleQuery(Namespace: big.Name, Text: "bulk0", Sort: RuleSort.Name, Descending: true), default);
        Assert.Equal((9_999, false, "Bulk09999"), (common.Total, common.TotalIsLowerBound, common.Items[0].Name));
        Assert.Equal(50, common.Items.Count);
    }

    [Fact]
    public async Task Pages_InEveryOrder_NeitherOverlapNorSkip()
    {
        var (ns, group) = await NamespaceAsync(Unique("pages"));
        // Equal names and equal update times: only the id tiebreak keeps consecutive pages apart.
        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO rules (id, group_id, position, kind, name, expr_head, expr_tail, labels, annotations, enabled, severity,
                                   error_count, warning_count, fires_per_week, version_number, created_at, updated_at, updated_by)
                SELECT gen_random_uuid(), {group.Id}, i, 'Alerting', 'Same', 'up == 0', '', jsonb_build_object(), jsonb_build_object(), true, 'warning',
                       i % 2, 0, CASE WHEN i % 3 = 0 THEN 1.5 END, 1, now(), '2026-01-01T00:00:00Z', 'test'
                FROM generate_series(1, 45) i
                """);
        }

        foreach (var sort in Enum.GetValues<RuleSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                var seen = new List<Guid>();
                for (var skip = 0; skip < 45; skip += 10)
                {
                    var page = await Store.ListAsync(new RuleQuery(Namespace: ns.Name, Sort: sort, Descending: descending, Skip: skip, Take: 10), default);
                    Assert.Equal((45, false), (page.Total, page.TotalIsLowerBound));
                    seen.AddRange(page.Items.Select(i => i.Id));
                }

                Assert.True(seen.Distinct().Count() == 45, $"{sort} {(descending ? "descending" : "ascending")}: {seen.Distinct().Count()} distinct of {seen.Count}");
            }
        }
    }

    [Fact]
    public async Task Search_StillFindsByNameAndExpression_WithOtherFilters()
    {
        var (ns, group) = await NamespaceAsync(Unique("search"));
        var byName = await RuleAsync(group, "QuiteRareNeedle");
        var other = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("Other") with { Expression = "rate(needle_total[5m]) > 1" }, 0), Admin, default)).Value!;
        await RuleAsync(group, "Unrelated");

        var found = await Store.ListAsync(new RuleQuery(Namespace: ns.Name, Text: "NEEDLE", Sort: RuleSort.Name), default);
        var literal = await Store.ListAsync(new RuleQuery(Namespace: ns.Name, Text: "needle_t"), default);

        Assert.Equal([other.Id, byName.Id], found.Items.Select(i => i.Id).ToList());
        Assert.Equal((2, false), (found.Total, found.TotalIsLowerBound));
        Assert.Equal([other.Id], literal.Items.Select(i => i.Id).ToList());
    }
}
