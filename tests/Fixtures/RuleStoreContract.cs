using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Contracts;

/// <summary>
/// What every <see cref="IRuleStore"/> must do alike: the real store over PostgreSQL (tests/Integration)
/// and the in-memory fake the component tests use (tests/Unit). Pages are tested against the fake; this
/// suite is why that is honest. It reaches the store only through the interface, and each test works in
/// a namespace of its own, so it can share a database with other tests.
/// </summary>
public abstract class RuleStoreContract
{
    /// <summary>An Admin: the access policy is the real store's own concern, tested there.</summary>
    protected static readonly Caller Admin = Caller.Of("contract", [PortalRole.Admin], []);

    protected abstract IRuleStore Store { get; }

    /// <summary>A team that exists where the store keeps its namespaces.</summary>
    protected abstract string Team { get; }

    protected static RuleContent Alert(string name, string expr = "rate(http_errors_total[5m]) > 0.05", string severity = "warning") =>
        new(RuleKind.Alerting, name, expr, PromDuration.Parse("5m"), null,
            LabelMap.Of(("severity", severity)),
            LabelMap.Of(("summary", "{{ $labels.instance }} fails"), ("runbook_url", "/runbooks/" + name.ToLowerInvariant())));

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<GroupSummary> NewGroupAsync(string? @namespace = null, string group = "api")
    {
        var ns = await Store.CreateNamespaceAsync(@namespace ?? Unique("contract"), Team, Admin, default);
        Assert.True(ns.Succeeded, string.Join("; ", ns.Errors.Select(e => e.Message)));
        var saved = await Store.SaveGroupAsync(new GroupEdit(null, ns.Value!.Id, group, null, null, 0), Admin, default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        return saved.Value!;
    }

    private async Task<RuleDetail> NewRuleAsync(GroupSummary group, RuleContent content)
    {
        var saved = await Store.SaveAsync(new RuleEdit(null, group.Id, content, 0), Admin, default);
        Assert.Equal(StoreOutcome.Saved, saved.Outcome);
        return saved.Value!;
    }

    [Fact]
    public async Task Save_NewRule_IsSaved_AndGetReturnsItsContentInItsGroup()
    {
        var group = await NewGroupAsync();

        var created = await NewRuleAsync(group, Alert("ContractCreated"));
        var read = await Store.GetAsync(created.Id, default);

        Assert.NotNull(read);
        Assert.Equal(Alert("ContractCreated"), read.Content);
        Assert.Equal((group.Id, group.Namespace, group.Name), (read.GroupId, read.Namespace, read.Group));
        Assert.Equal(Team, read.Team);
        Assert.Equal(1, read.VersionNumber);
        Assert.Equal(created.Version, read.Version);
    }

    [Fact]
    public async Task Save_SameContentAgain_IsUnchanged_AndKeepsTheVersion()
    {
        var group = await NewGroupAsync();
        var created = await NewRuleAsync(group, Alert("ContractSame"));

        var again = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, Alert("ContractSame"), created.Version), Admin, default);

        Assert.Equal(StoreOutcome.Unchanged, again.Outcome);
        Assert.True(again.Succeeded);
        Assert.Equal(1, (await Store.GetAsync(created.Id, default))!.VersionNumber);
    }

    [Fact]
    public async Task Save_ChangedContent_IsSaved_AsTheNextVersion_WithANewRowVersion()
    {
        var group = await NewGroupAsync();
        var created = await NewRuleAsync(group, Alert("ContractChanged"));

        var changed = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, Alert("ContractChanged", severity: "critical"), created.Version, "louder"), Admin, default);

        Assert.Equal(StoreOutcome.Saved, changed.Outcome);
        Assert.Equal(2, changed.Value!.VersionNumber);
        Assert.NotEqual(created.Version, changed.Value.Version);
        Assert.Equal("critical", (await Store.GetAsync(created.Id, default))!.Content.Severity);
    }

    [Fact]
    public async Task Save_FromAStaleVersion_IsAConflict_CarryingTheStoredRule_AndWritesNothing()
    {
        var group = await NewGroupAsync();
        var created = await NewRuleAsync(group, Alert("ContractStale"));
        var first = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, Alert("ContractStale", severity: "critical"), created.Version), Admin, default);

        var second = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, Alert("ContractStale", severity: "info"), created.Version), Admin, default);

        Assert.Equal(StoreOutcome.Saved, first.Outcome);
        Assert.Equal(StoreOutcome.Conflict, second.Outcome);
        Assert.False(second.Succeeded);
        Assert.Equal("critical", second.Current?.Content.Severity);
        Assert.Contains(second.Errors, e => e.Field == "version");
        Assert.Equal("critical", (await Store.GetAsync(created.Id, default))!.Content.Severity);
    }

    [Fact]
    public async Task Save_InvalidContent_IsInvalid_WithFieldErrors()
    {
        var group = await NewGroupAsync();

        var saved = await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("") with { Expression = "" }, 0), Admin, default);

        Assert.Equal(StoreOutcome.Invalid, saved.Outcome);
        Assert.NotEmpty(saved.Errors);
    }

    [Fact]
    public async Task Save_IntoAGroupThatDoesNotExist_IsNotFound()
    {
        var saved = await Store.SaveAsync(new RuleEdit(null, Guid.NewGuid(), Alert("ContractNowhere"), 0), Admin, default);

        Assert.Equal(StoreOutcome.NotFound, saved.Outcome);
    }

    [Fact]
    public async Task Save_ARuleThatDoesNotExist_IsNotFound()
    {
        var group = await NewGroupAsync();

        var saved = await Store.SaveAsync(new RuleEdit(Guid.NewGuid(), group.Id, Alert("ContractGhost"), 1), Admin, default);

        Assert.Equal(StoreOutcome.NotFound, saved.Outcome);
    }

    [Fact]
    public async Task Get_UnknownId_IsNull()
    {
        Assert.Null(await Store.GetAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task Delete_FromAStaleVersion_IsAConflict_ThenFromTheCurrentOne_RemovesTheRule()
    {
        var group = await NewGroupAsync();
        var created = await NewRuleAsync(group, Alert("ContractDeleted"));
        var changed = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, Alert("ContractDeleted", severity: "critical"), created.Version), Admin, default);

        var stale = await Store.DeleteAsync(created.Id, created.Version, Admin, default);
        var deleted = await Store.DeleteAsync(created.Id, changed.Value!.Version, Admin, default);

        Assert.Equal(StoreOutcome.Conflict, stale.Outcome);
        Assert.Equal(StoreOutcome.Saved, deleted.Outcome);
        Assert.Null(await Store.GetAsync(created.Id, default));
        Assert.Equal(0, (await Store.ListAsync(new RuleQuery(Namespace: group.Namespace), default)).Total);
    }

    [Fact]
    public async Task Delete_UnknownId_IsNotFound()
    {
        Assert.Equal(StoreOutcome.NotFound, (await Store.DeleteAsync(Guid.NewGuid(), 1, Admin, default)).Outcome);
    }

    [Fact]
    public async Task List_ANamespace_InGroupThenRulePosition_WithTheTotalBeyondThePage()
    {
        var group = await NewGroupAsync();
        var second = await Store.SaveGroupAsync(new GroupEdit(null, group.NamespaceId, "aaa-later", null, null, 0), Admin, default);
        await NewRuleAsync(second.Value!, Alert("ContractZeta"));
        await NewRuleAsync(group, Alert("ContractBeta"));
        await NewRuleAsync(group, Alert("ContractAlpha"));

        var all = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace), default);
        var page = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Skip: 1, Take: 1), default);

        Assert.Equal(["ContractBeta", "ContractAlpha", "ContractZeta"], all.Items.Select(i => i.Name));
        Assert.Equal(3, all.Total);
        Assert.Equal(["ContractAlpha"], page.Items.Select(i => i.Name));
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task List_SortedByName_BothWays()
    {
        var group = await NewGroupAsync();
        await NewRuleAsync(group, Alert("ContractB"));
        await NewRuleAsync(group, Alert("ContractC"));
        await NewRuleAsync(group, Alert("ContractA"));

        var up = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Sort: RuleSort.Name), default);
        var down = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Sort: RuleSort.Name, Descending: true), default);

        Assert.Equal(["ContractA", "ContractB", "ContractC"], up.Items.Select(i => i.Name));
        Assert.Equal(["ContractC", "ContractB", "ContractA"], down.Items.Select(i => i.Name));
    }

    [Theory]
    [InlineData("diskfull", "ContractDiskFull")]
    [InlineData("  DISKFULL ", "ContractDiskFull")]
    [InlineData("NODE_FILESYSTEM", "ContractDiskFull")]
    [InlineData("   ", "ContractDiskFull,ContractLatency")]
    public async Task Search_Text_MatchesNameOrExpression_IgnoringCaseAndSurroundingSpace(string text, string expected)
    {
        var group = await NewGroupAsync();
        await NewRuleAsync(group, Alert("ContractDiskFull", "node_filesystem_avail_bytes < 1e9"));
        await NewRuleAsync(group, Alert("ContractLatency", "histogram_quantile(0.99, rate(http_duration_seconds_bucket[5m])) > 1"));

        var found = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Text: text), default);

        Assert.Equal(expected.Split(','), found.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task Search_FiltersCombine_SeverityAndTeamAndIds()
    {
        var group = await NewGroupAsync();
        var warn = await NewRuleAsync(group, Alert("ContractWarn"));
        var page = await NewRuleAsync(group, Alert("ContractPage", severity: "critical"));
        await NewRuleAsync(group, Alert("ContractPage2", severity: "critical"));

        var critical = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Severity: "critical"), default);
        var anySeverity = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Severity: ""), default);
        var otherTeam = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace) { Team = "no-such-team" }, default);
        var only = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace) { Ids = [warn.Id, page.Id] }, default);
        var except = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace) { Ids = [warn.Id], ExcludeIds = true }, default);

        Assert.Equal(["ContractPage", "ContractPage2"], critical.Items.Select(i => i.Name));
        Assert.Equal(3, anySeverity.Total);
        Assert.Equal(0, otherTeam.Total);
        Assert.Equal(["ContractWarn", "ContractPage"], only.Items.Select(i => i.Name));
        Assert.Equal(["ContractPage", "ContractPage2"], except.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task Namespace_ListsItsGroupsAndRules_UnknownIsNull()
    {
        var group = await NewGroupAsync();
        await NewRuleAsync(group, Alert("ContractListed"));

        var detail = await Store.NamespaceAsync(group.Namespace, default);

        Assert.NotNull(detail);
        Assert.Equal(Team, detail.Namespace.Team);
        Assert.Equal(1, detail.Namespace.RuleCount);
        var listed = Assert.Single(detail.Groups);
        Assert.Equal(["ContractListed"], listed.Rules.Select(r => r.Name));
        Assert.Null(await Store.NamespaceAsync(Unique("missing"), default));
    }
}
