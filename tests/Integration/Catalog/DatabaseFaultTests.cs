using Npgsql;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Integration.Catalog;

/// <summary>
/// PostgreSQL going away under saves (what a restart or a failover does to every open session): each save either
/// commits whole — a version, the rule's columns and its history agreeing — or fails and leaves no trace.
/// </summary>
public class DatabaseFaultTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private static readonly Caller Actor = Caller.Of("alice", [PortalRole.Admin], []);

    [Fact]
    public async Task SavesWhileEverySessionIsKilled_EitherCommitWholeOrFailCleanly()
    {
        var store = database.Store;
        var ns = (await store.CreateNamespaceAsync("faults-" + Guid.NewGuid().ToString("N")[..8], "team-a", Actor, default)).Value!;
        var group = (await store.SaveGroupAsync(new GroupEdit(null, ns.Id, "api", PromDuration.Parse("30s"), null, 0), Actor, default)).Value!;
        var content = new RuleContent(RuleKind.Alerting, "UnderFire", "sum(rate(http_requests_total[5m])) > 1", PromDuration.Parse("5m"), null,
            LabelMap.From(new Dictionary<string, string> { ["severity"] = "warning" }), LabelMap.Empty);
        var rule = (await store.SaveAsync(new RuleEdit(null, group.Id, content, 0, "first"), Actor, default)).Value!;

        using var stop = new CancellationTokenSource();
        var killer = KillSessionsAsync(database.Name, stop.Token);
        var saved = new List<double>();
        var failed = new List<double>();
        var version = rule.Version;
        for (var i = 1; i <= 60; i++)
        {
            var threshold = 1 + i / 100.0;
            try
            {
                var result = await store.SaveAsync(new RuleEdit(rule.Id, group.Id, content.WithThreshold(threshold), version, $"save {i}"), Actor, default);
                Assert.Equal(StoreOutcome.Saved, result.Outcome);
                saved.Add(threshold);
                version = result.Value!.Version;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                failed.Add(threshold);
                // What an editor does after "could not save": read the rule again (the next session may be killed too).
                version = await CurrentVersionAsync(store, rule.Id);
            }

            await Task.Delay(10);
        }

        await stop.CancelAsync();
        var kills = await killer;

        Assert.True(kills > 0, "no session was killed");
        Assert.True(failed.Count > 0, $"{kills} kills, but every save succeeded: the test did not exercise a failure");
        Assert.True(saved.Count > 0, "no save succeeded between the kills");

        // The pool still holds sessions the last burst ended; each would fail once, as after a real restart.
        NpgsqlConnection.ClearAllPools();
        var history = await store.HistoryAsync(rule.Id, default);
        var current = (await store.GetAsync(rule.Id, default))!;
        var stored = history.Where(v => v.Number > 1).Select(v => v.Content.Threshold!.Threshold).ToList();
        // Every acknowledged save is a version; a version nobody asked for would be a half-applied write.
        Assert.All(saved, t => Assert.Contains(t, stored));
        Assert.All(stored, t => Assert.True(saved.Contains(t) || failed.Contains(t), $"version with threshold {t} matches no save"));
        Assert.Equal(stored.Count, stored.Distinct().Count());
        // The rule's own columns agree with its newest version.
        Assert.Equal(history[0].Content, current.Content);
        Assert.Equal(history[0].Number, history.Count);
    }

    private static async Task<uint> CurrentVersionAsync(IRuleStore store, Guid id)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await store.GetAsync(id, default))!.Version;
            }
            catch (Exception e) when (attempt < 200 && e is NpgsqlException or InvalidOperationException)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Ends every other session on the test's database every 200 ms (a restart, again and again), as the owner; returns how many it ended.</summary>
    private static async Task<int> KillSessionsAsync(string database, CancellationToken stop)
    {
        var kills = 0;
        await using var owner = new NpgsqlConnection(TestStack.DatabaseConnection(database));
        await owner.OpenAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            await using var kill = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid() AND backend_type = 'client backend'", owner);
            kill.Parameters.AddWithValue("db", database);
            kills += (int)(long)(await kill.ExecuteScalarAsync(CancellationToken.None))!;
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return kills;
    }
}
