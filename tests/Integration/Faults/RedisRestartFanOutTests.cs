using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Cluster;
using Portal.Infrastructure.Identity;
using Portal.Tests.Integration.Cluster;

namespace Portal.Tests.Integration.Faults;

/// <summary>
/// Two portals (replicas) on a Redis of the test's own: after Redis restarts, a save on one replica reaches the
/// other again, without restarting either portal. ChangeFeedTests shows one feed resubscribing; this is the whole
/// path, store to store, across the restart.
/// </summary>
public sealed class RedisRestartFanOutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RedisRestarted_ASaveOnReplicaA_ReachesReplicaBAgain()
    {
        await using var redis = new RedisProcess();
        await redis.StartAsync();
        var channel = "portal:test:" + Guid.NewGuid().ToString("N")[..12];
        await using var a = Replica("replica-a", redis, channel);
        await using var b = Replica("replica-b", redis, channel);
        await Eventually.UntilAsync(() => Feed(a).Connected && Feed(b).Connected, Patience, "the feeds did not connect to the test's Redis");
        using var onB = new NoticeLog(Feed(b));
        var rule = await NewRuleAsync(a);

        // Before: a save on A reaches B.
        var before = await SaveAgainAsync(a, rule, 1);
        await onB.FirstAsync(n => n.Kind == ChangeKinds.Rule && n.Key == rule.Id.ToString() && n.Revision == before.ToString(), Patience);

        await redis.StopAsync();
        await Eventually.UntilAsync(() => !Feed(a).Connected && !Feed(b).Connected, Patience, "the feeds still say connected with Redis stopped");
        // Saving while Redis is away still works (the notice is lost for other replicas, not the save).
        await SaveAgainAsync(a, rule, 2);

        await redis.StartAsync();
        await Eventually.UntilAsync(() => Feed(a).Connected && Feed(b).Connected, Patience, "the feeds did not reconnect after Redis restarted");

        // After: saves on A reach B again. Saved again on each look, as a user keeps working: the first save may
        // come before the resubscription is back on the new server, a later one must arrive.
        var saves = new List<string>();
        var n = 3;
        await Eventually.UntilAsync(
            () => onB.All.Any(notice => notice.Kind == ChangeKinds.Rule && notice.Key == rule.Id.ToString()
                && notice.Revision is { } revision && saves.Contains(revision)),
            Patience, () => $"none of {saves.Count} saves on replica A after the restart reached replica B", TimeSpan.FromMilliseconds(500),
            async () => saves.Add((await SaveAgainAsync(a, rule, n++)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("replica-a", onB.All.Last(notice => notice.Key == rule.Id.ToString()).Replica);
    }

    private static PortalFactory Replica(string name, RedisProcess redis, string channel) => ChangeFeedReplicaTests.Replica(name, channel, redis.Configuration);

    private static IChangeFeed Feed(PortalFactory portal) => ChangeFeedReplicaTests.Feed(portal);

    private static readonly Portal.Domain.Access.Caller Actor = As.Admin("redis-restart");

    private static RuleContent Content(int n) => new(RuleKind.Alerting, "FanOutAfterRestart", $"up < {n}", PromDuration.Parse("5m"), null,
        LabelMap.From(new Dictionary<string, string> { ["severity"] = "warning" }), LabelMap.Empty);

    private static async Task<RuleDetail> NewRuleAsync(PortalFactory portal)
    {
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Empty(await portal.Services.GetRequiredService<ITeams>().CreateAsync(Actor, team, null, default));
        var store = portal.Services.GetRequiredService<IRuleStore>();
        var ns = (await store.CreateNamespaceAsync("restart-" + Guid.NewGuid().ToString("N")[..8], team, Actor, default)).Value!;
        var group = (await store.SaveGroupAsync(new GroupEdit(null, ns.Id, "api", PromDuration.Parse("30s"), null, 0), Actor, default)).Value!;
        var saved = await store.SaveAsync(new RuleEdit(null, group.Id, Content(0), 0, "created"), Actor, default);
        Assert.Equal(StoreOutcome.Saved, saved.Outcome);
        return saved.Value!;
    }

    /// <summary>Saves the rule with threshold <paramref name="n"/> on <paramref name="portal"/>; returns the new row version (the notice's revision).</summary>
    private static async Task<uint> SaveAgainAsync(PortalFactory portal, RuleDetail rule, int n)
    {
        var store = portal.Services.GetRequiredService<IRuleStore>();
        var current = (await store.GetAsync(rule.Id, default))!;
        var saved = await store.SaveAsync(new RuleEdit(rule.Id, rule.GroupId, Content(n), current.Version, $"save {n}"), Actor, default);
        Assert.Equal(StoreOutcome.Saved, saved.Outcome);
        return saved.Value!.Version;
    }
}
