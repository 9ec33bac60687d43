using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Cluster;
using Portal.Infrastructure.Identity;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Cluster;

/// <summary>Two portals in this process stand for two replicas sharing the test stack's PostgreSQL and Redis.</summary>
public sealed class ChangeFeedReplicaTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RuleSavedOnReplicaA_ReachesASubscriberOnReplicaB_NamingWhoWhereAndWhichVersion()
    {
        var channel = Channel();
        await using var a = Replica("replica-a", channel);
        await using var b = Replica("replica-b", channel);
        await ConnectedAsync(a, b);
        var onB = new NoticeLog(Feed(b));

        var (saved, actor) = await SaveRuleAsync(a);

        var notice = await onB.FirstAsync(n => n.Kind == ChangeKinds.Rule && n.Key == saved.Id.ToString(), Patience);
        Assert.Equal("replica-a", notice.Replica);
        Assert.Equal(actor, notice.Actor);
        Assert.Equal(saved.Version.ToString(), notice.Revision);
    }

    [Fact]
    public async Task ANotice_IsDeliveredOnceOnItsOwnReplica_ThoughRedisEchoesItBack()
    {
        var channel = Channel();
        await using var a = Replica("replica-a", channel);
        await using var b = Replica("replica-b", channel);
        await ConnectedAsync(a, b);
        var onA = new NoticeLog(Feed(a));
        var onB = new NoticeLog(Feed(b));

        var (saved, _) = await SaveRuleAsync(a);
        await onA.FirstAsync(n => n.Key == saved.Id.ToString(), Patience);
        await onB.FirstAsync(n => n.Key == saved.Id.ToString(), Patience);
        // The echo from Redis reached B (above), so it has reached A too by now or is about to: give it time to be (wrongly) delivered.
        await Feed(b).PublishAsync(new ChangeNotice("marker", "end", "test", "", default));
        await onA.FirstAsync(n => n.Kind == "marker", Patience);
        await Task.Delay(500);

        Assert.Single(onA.All, n => n.Key == saved.Id.ToString() && n.Kind == ChangeKinds.Rule);
        Assert.Single(onB.All, n => n.Key == saved.Id.ToString() && n.Kind == ChangeKinds.Rule);
    }

    private static string Channel() => "portal:test:" + Guid.NewGuid().ToString("N")[..12];

    /// <param name="redis">Another Redis than the test stack's (Faults/RedisRestartFanOutTests restarts its own).</param>
    internal static PortalFactory Replica(string name, string channel, string? redis = null) => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Portal"] = TestStack.PostgresConnection,
        ["Redis:Configuration"] = redis ?? TestStack.RedisConfiguration,
        ["Prometheus:Url"] = TestStack.PrometheusUrl.ToString(),
        ["Cluster:ReplicaName"] = name,
        ["Cluster:ChangeFeed:Channel"] = channel,
    });

    internal static IChangeFeed Feed(PortalFactory portal) => portal.Services.GetRequiredService<IChangeFeed>();

    private static async Task ConnectedAsync(params PortalFactory[] portals)
    {
        await Eventually.UntilAsync(() => portals.All(p => Feed(p).Connected), Patience, "the change feeds did not connect to the test stack's Redis");
    }

    private static async Task<(RuleDetail Rule, string Actor)> SaveRuleAsync(PortalFactory portal)
    {
        var actor = "fanout-" + Guid.NewGuid().ToString("N")[..8];
        var caller = As.Admin(actor);
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Empty(await portal.Services.GetRequiredService<ITeams>().CreateAsync(caller, team, null, default));
        var store = portal.Services.GetRequiredService<IRuleStore>();
        var ns = (await store.CreateNamespaceAsync("fanout-" + Guid.NewGuid().ToString("N")[..8], team, caller, default)).Value!;
        var group = (await store.SaveGroupAsync(new GroupEdit(null, ns.Id, "api", PromDuration.Parse("30s"), null, 0), caller, default)).Value!;
        var content = new RuleContent(RuleKind.Alerting, "FanOut", "up == 0", PromDuration.Parse("5m"), null,
            LabelMap.From(new Dictionary<string, string> { ["severity"] = "warning" }), LabelMap.From(new Dictionary<string, string>()));
        var saved = await store.SaveAsync(new RuleEdit(null, group.Id, content, 0, "fan-out test"), caller, default);
        Assert.Equal(StoreOutcome.Saved, saved.Outcome);
        return (saved.Value!, actor);
    }
}
