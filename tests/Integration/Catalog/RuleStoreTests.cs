using Portal.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Prometheus;

namespace Portal.Tests.Integration.Catalog;

public class RuleStoreTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private static readonly Caller Actor = Caller.Of("alice", [PortalRole.Admin], []);
    private IRuleStore Store => database.Store;

    private static RuleContent Alert(string name, string expr = "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05") =>
        new(RuleKind.Alerting, name, expr, PromDuration.Parse("5m"), null,
            LabelMap.From(new Dictionary<string, string> { ["severity"] = "warning" }),
            LabelMap.From(new Dictionary<string, string> { ["summary"] = "errors at {{ $value | humanizePercentage }}" }));

    private async Task<GroupSummary> NewGroupAsync()
    {
        var ns = (await Store.CreateNamespaceAsync("ns-" + Guid.NewGuid().ToString("N")[..8], "team-a", Actor, default)).Value!;
        return (await Store.SaveGroupAsync(new GroupEdit(null, ns.Id, "api", PromDuration.Parse("30s"), null, 0), Actor, default)).Value!;
    }

    [Fact]
    public async Task Save_WritesAVersionOnlyWhenSomethingChanged()
    {
        var group = await NewGroupAsync();
        var created = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("HighErrors"), 0, "first"), Actor, default)).Value!;

        var same = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, Alert("HighErrors"), created.Version), Actor, default);
        var changed = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, Alert("HighErrors") with { Enabled = false }, created.Version, "pause"), Actor, default);

        Assert.Equal(StoreOutcome.Unchanged, same.Outcome);
        Assert.Equal(StoreOutcome.Saved, changed.Outcome);
        var history = await Store.HistoryAsync(created.Id, default);
        Assert.Equal([2, 1], history.Select(v => v.Number));
        Assert.Equal("pause", history[0].Reason);
        Assert.False(history[0].Content.Enabled);
        Assert.Equal(Alert("HighErrors"), history[1].Content);
    }

    [Fact]
    public async Task Save_TwoEditorsFromTheSameVersion_ExactlyOneWins_TheOtherGetsAConflict()
    {
        var group = await NewGroupAsync();
        var created = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("Contended"), 0), Actor, default)).Value!;

        var results = await Task.WhenAll(
            Store.SaveAsync(new RuleEdit(created.Id, group.Id, created.Content.WithThreshold(0.1), created.Version, "alice"), As.Admin("alice"), default),
            Store.SaveAsync(new RuleEdit(created.Id, group.Id, created.Content.WithThreshold(0.2), created.Version, "bob"), As.Admin("bob"), default));

        Assert.Single(results, r => r.Outcome == StoreOutcome.Saved);
        var loser = Assert.Single(results, r => r.Outcome == StoreOutcome.Conflict);
        Assert.NotNull(loser.Current);
        var stored = (await Store.GetAsync(created.Id, default))!;
        Assert.Equal(stored.Content, loser.Current!.Content);
        Assert.Equal(2, (await Store.HistoryAsync(created.Id, default)).Count);
    }

    [Fact]
    public async Task Save_WithAStaleVersion_IsAConflict_AndOverwritesNothing()
    {
        var group = await NewGroupAsync();
        var created = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("Stale"), 0), Actor, default)).Value!;
        var first = (await Store.SaveAsync(new RuleEdit(created.Id, group.Id, created.Content.WithThreshold(0.2), created.Version), As.Admin("bob"), default)).Value!;

        var second = await Store.SaveAsync(new RuleEdit(created.Id, group.Id, created.Content.WithThreshold(0.3), created.Version), Actor, default);

        Assert.Equal(StoreOutcome.Conflict, second.Outcome);
        Assert.Equal(0.2, (await Store.GetAsync(created.Id, default))!.Content.Threshold!.Threshold);
        Assert.NotEqual(created.Version, first.Version);
    }

    [Fact]
    public async Task Threshold_IsStoredAsColumns_AndItsChangeGoesToTheThresholdHistory()
    {
        var group = await NewGroupAsync();
        const string expr = "redis_memory_used_bytes / 268435456   >0.9  # 90% of 256MB";
        var created = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("RedisMemory", expr), 0), Actor, default)).Value!;

        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            var row = await db.Rules.AsNoTracking().SingleAsync(r => r.Id == created.Id);
            Assert.Equal("redis_memory_used_bytes / 268435456", row.ThresholdQuery);
            Assert.Equal(">", row.ThresholdOperator);
            Assert.Equal(0.9, row.Threshold);
            Assert.Equal(expr, row.Expression);
        }

        var saved = (await Store.SaveAsync(new RuleEdit(created.Id, group.Id, created.Content.WithThreshold(0.85), created.Version, "too noisy"), Actor, default)).Value!;

        Assert.Equal("redis_memory_used_bytes / 268435456   >0.85  # 90% of 256MB", saved.Content.Expression);
        var change = Assert.Single(await Store.ThresholdHistoryAsync(created.Id, default));
        Assert.Equal((0.9, 0.85, "too noisy", Actor.Name), (change.Old!.Value, change.New, change.Reason, change.Actor));
    }

    [Fact]
    public async Task Save_InvalidContent_IsRefusedWithFieldErrors_AndWritesNothing()
    {
        var group = await NewGroupAsync();
        var bad = Alert("Bad", "sum(rate(x_total[5m]) > 1") with
        {
            Labels = LabelMap.From(new Dictionary<string, string> { ["__reserved"] = "x", ["severity"] = "warning" }),
        };

        var result = await Store.SaveAsync(new RuleEdit(null, group.Id, bad, 0), Actor, default);

        Assert.Equal(StoreOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == "expr" && e.Position is not null);
        Assert.Contains(result.Errors, e => e.Field == "labels.__reserved");
        Assert.Equal(0, (await Store.ListAsync(new RuleQuery(Namespace: group.Namespace), default)).Total);
    }

    [Fact]
    public async Task Restore_MakesAnOldVersionCurrent_AsANewVersion()
    {
        var group = await NewGroupAsync();
        var v1 = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("Restorable"), 0), Actor, default)).Value!;
        var v2 = (await Store.SaveAsync(new RuleEdit(v1.Id, group.Id, v1.Content.WithThreshold(0.5), v1.Version), Actor, default)).Value!;

        var restored = (await Store.RestoreAsync(v1.Id, 1, v2.Version, Actor, default)).Value!;

        Assert.Equal(v1.Content, restored.Content);
        Assert.Equal(3, restored.VersionNumber);
        Assert.Equal("restored version 1", (await Store.HistoryAsync(v1.Id, default))[0].Reason);
    }

    [Fact]
    public async Task Delete_HidesTheRule_ButKeepsItsHistory()
    {
        var group = await NewGroupAsync();
        var created = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("Gone"), 0), Actor, default)).Value!;

        var deleted = await Store.DeleteAsync(created.Id, created.Version, Actor, default);

        Assert.True(deleted.Succeeded);
        Assert.Null(await Store.GetAsync(created.Id, default));
        Assert.Single(await Store.HistoryAsync(created.Id, default));
    }

    [Fact]
    public async Task Move_ReordersWithinAGroup_AndMovesBetweenGroups()
    {
        var group = await NewGroupAsync();
        var other = (await Store.SaveGroupAsync(new GroupEdit(null, group.NamespaceId, "db", null, null, 0), Actor, default)).Value!;
        var a = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("A"), 0), Actor, default)).Value!;
        var b = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("B"), 0), Actor, default)).Value!;
        var c = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("C"), 0), Actor, default)).Value!;

        await Store.MoveAsync(c.Id, c.Version, group.Id, 0, Actor, default);
        // Reordering renumbered A and B, so their row versions moved on.
        await Store.MoveAsync(a.Id, (await Store.GetAsync(a.Id, default))!.Version, other.Id, 0, Actor, default);

        var detail = (await Store.NamespaceAsync(group.Namespace, default))!;
        Assert.Equal(["C", "B"], detail.Groups.Single(g => g.Group.Name == "api").Rules.Select(r => r.Name));
        Assert.Equal(["A"], detail.Groups.Single(g => g.Group.Name == "db").Rules.Select(r => r.Name));
        Assert.Equal([0, 1], detail.Groups.Single(g => g.Group.Name == "api").Rules.Select(r => r.Position));
        Assert.Equal(StoreOutcome.Conflict, (await Store.MoveAsync(b.Id, b.Version, other.Id, 0, Actor, default)).Outcome);
    }

    [Fact]
    public async Task Save_OfARuleWhoseNeighboursWereReordered_IsNotAConflict_WhenItsContentDidNotChange()
    {
        var group = await NewGroupAsync();
        var a = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("A"), 0), Actor, default)).Value!;
        var b = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("B"), 0), Actor, default)).Value!;
        await Store.MoveAsync(b.Id, b.Version, group.Id, 0, As.Admin("bob"), default);

        var strict = await Store.SaveAsync(new RuleEdit(a.Id, group.Id, a.Content.WithThreshold(0.3), a.Version), Actor, default);
        var fromForm = await Store.SaveAsync(new RuleEdit(a.Id, group.Id, a.Content.WithThreshold(0.3), a.Version, null, a.VersionNumber), Actor, default);

        Assert.Equal(StoreOutcome.Conflict, strict.Outcome);
        Assert.Equal(StoreOutcome.Saved, fromForm.Outcome);
    }

    [Fact]
    public async Task List_FiltersCombine_AndTextSearchesNamesAndExpressions()
    {
        var group = await NewGroupAsync();
        await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("LatencyHigh", "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5"), 0), Actor, default);
        await Store.SaveAsync(new RuleEdit(null, group.Id, Alert("Noisy", "rate(process_resident_memory_bytes[1h]) > 1e6"), 0), Actor, default);
        await Store.SaveAsync(new RuleEdit(null, group.Id,
            new RuleContent(RuleKind.Recording, "job:http_requests:rate5m", "sum by (job) (rate(http_requests_total[5m]))", null, null, LabelMap.Empty, LabelMap.Empty), 0), Actor, default);

        var byText = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Text: "duration_seconds"), default);
        var withFindings = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, HasFindings: true, Kind: RuleKind.Alerting), default);
        var recordings = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Kind: RuleKind.Recording), default);
        var bySeverity = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Severity: "warning", Sort: RuleSort.Name, Descending: true), default);
        var literalPercent = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Text: "%"), default);

        Assert.Equal(["LatencyHigh"], byText.Items.Select(r => r.Name));
        Assert.Contains("Noisy", withFindings.Items.Select(r => r.Name));
        Assert.Equal(["job:http_requests:rate5m"], recordings.Items.Select(r => r.Name));
        Assert.Equal(["Noisy", "LatencyHigh"], bySeverity.Items.Select(r => r.Name));
        Assert.Equal(0, literalPercent.Total);
    }

    [Fact]
    public async Task List_SortsByFiresPerWeek_WithUnmeasuredRulesLastEitherWay()
    {
        var group = await NewGroupAsync();
        var noise = new RuleNoise(database.Contexts, Options.Create(new PrometheusOptions()));
        foreach (var (name, fires) in new[] { ("Quiet", 0.5), ("Loud", 40.0), ("Unmeasured", -1.0), ("Middling", 3.0) })
        {
            var rule = (await Store.SaveAsync(new RuleEdit(null, group.Id, Alert(name), 0), Actor, default)).Value!;
            if (fires >= 0)
            {
                await noise.RecordAsync(rule.Id, fires, default);
            }
        }

        var ascending = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Sort: RuleSort.FiresPerWeek), default);
        var descending = await Store.ListAsync(new RuleQuery(Namespace: group.Namespace, Sort: RuleSort.FiresPerWeek, Descending: true), default);

        Assert.Equal(["Quiet", "Middling", "Loud", "Unmeasured"], ascending.Items.Select(r => r.Name));
        Assert.Equal(["Loud", "Middling", "Quiet", "Unmeasured"], descending.Items.Select(r => r.Name));
    }

    [Fact]
    public async Task Namespaces_AreUnique_AndNamedSafely()
    {
        var ok = await Store.CreateNamespaceAsync("payments-" + Guid.NewGuid().ToString("N")[..6], "pay", Actor, default);

        Assert.Equal(StoreOutcome.Invalid, (await Store.CreateNamespaceAsync(ok.Value!.Name, "x", Actor, default)).Outcome);
        Assert.Equal(StoreOutcome.Invalid, (await Store.CreateNamespaceAsync("Bad Name!", "x", Actor, default)).Outcome);
    }
}
