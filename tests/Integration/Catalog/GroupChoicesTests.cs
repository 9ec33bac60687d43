using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Integration.Catalog;

/// <summary>The reads the rule editor makes at scale: every group in one query, and one namespace without counting all the others.</summary>
public class GroupChoicesTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private static readonly Caller Admin = Caller.Of("alice", [PortalRole.Admin], []);
    private IRuleStore Store => database.Store;

    private async Task<NamespaceSummary> NamespaceWithGroupsAsync(string name, string team, params (string Group, string? Interval, int? Limit)[] groups)
    {
        var ns = (await Store.CreateNamespaceAsync(name, team, Admin, default)).Value!;
        foreach (var (group, interval, limit) in groups)
        {
            var saved = await Store.SaveGroupAsync(new GroupEdit(null, ns.Id, group, interval is null ? null : PromDuration.Parse(interval), limit, 0), Admin, default);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        }

        return ns;
    }

    [Fact]
    public async Task GroupChoices_ListsEveryGroupWithNamespaceTeamIntervalAndLimit_ByNamespaceThenPosition()
    {
        var prefix = "gc" + Guid.NewGuid().ToString("N")[..6];
        await NamespaceWithGroupsAsync(prefix + "-search", "team-b", ("zeta", null, null), ("alpha", "1m", 20));
        await NamespaceWithGroupsAsync(prefix + "-payments", "team-a", ("api", "30s", null));
        await NamespaceWithGroupsAsync(prefix + "-empty", "team-a");

        var choices = (await Store.GroupChoicesAsync(default)).Where(c => c.Namespace.StartsWith(prefix, StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                new GroupChoice(choices[0].Id, prefix + "-payments", "api", "team-a", PromDuration.Parse("30s"), null),
                new GroupChoice(choices[1].Id, prefix + "-search", "zeta", "team-b", null, null),
                new GroupChoice(choices[2].Id, prefix + "-search", "alpha", "team-b", PromDuration.Parse("1m"), 20),
            ],
            choices);
        Assert.Equal($"{prefix}-search / zeta", choices[1].ToString());
    }

    [Fact]
    public async Task Namespace_ReadsOnlyTheNamedOne_WithItsCountsAndGroups()
    {
        var prefix = "ns" + Guid.NewGuid().ToString("N")[..6];
        await NamespaceWithGroupsAsync(prefix + "-other", "team-b", ("x", null, null));
        var ns = await NamespaceWithGroupsAsync(prefix + "-mine", "team-a", ("api", null, null), ("db", null, null));
        var group = (await Store.NamespaceAsync(prefix + "-mine", default))!.Groups[0].Group;
        var rule = new RuleContent(RuleKind.Alerting, "ApiDown", "up{job=\"api\"} == 0", PromDuration.Parse("5m"), null, LabelMap.Of(("severity", "critical")), LabelMap.Of(("summary", "down")));
        Assert.True((await Store.SaveAsync(new RuleEdit(null, group.Id, rule, 0), Admin, default)).Succeeded);

        var detail = await Store.NamespaceAsync(prefix + "-mine", default);

        Assert.NotNull(detail);
        Assert.Equal((ns.Id, "team-a", 2, 1), (detail.Namespace.Id, detail.Namespace.Team, detail.Namespace.GroupCount, detail.Namespace.RuleCount));
        Assert.Equal(["api", "db"], detail.Groups.Select(g => g.Group.Name).ToArray());
        Assert.Equal("ApiDown", Assert.Single(detail.Groups[0].Rules).Name);
        Assert.Null(await Store.NamespaceAsync(prefix + "-missing", default));
        Assert.Null(await Store.NamespaceAsync("bad\0name", default));
    }
}
