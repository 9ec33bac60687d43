using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Cluster;
using StackExchange.Redis;

namespace Portal.Tests.Integration.Cluster;

/// <summary>The feed on its own, against the test stack's Redis, a Redis of the test's own, or none at all.</summary>
public sealed class ChangeFeedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RedisUnreachable_FeedIsNotConnected_PublishDoesNotThrow_AndLocalPagesStillHear()
    {
        await using var feed = await FeedAsync($"127.0.0.1:{TestStack.FreeLoopbackPort()}", Channel());
        using var log = new NoticeLog(feed.Feed);
        // Long enough for a connection attempt to have failed (the connect timeout is 2 s).
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False(feed.Feed.Connected);
        await feed.Feed.PublishAsync(new ChangeNotice(ChangeKinds.Rule, "r-1", "alice", "", default));

        var notice = await log.FirstAsync(n => n.Key == "r-1", Patience);
        Assert.Equal("replica-test", notice.Replica);
        Assert.False(feed.Feed.Connected);
    }

    [Fact]
    public async Task OversizedAndMalformedMessagesOnTheChannel_AreIgnored_AndTheNextGoodOneArrives()
    {
        var channel = Channel();
        await using var feed = await FeedAsync(TestStack.RedisConfiguration, channel);
        await ConnectedAsync(feed.Feed);
        using var log = new NoticeLog(feed.Feed);
        await using var raw = await ConnectionMultiplexer.ConnectAsync(TestStack.RedisConfiguration);
        var publisher = raw.GetSubscriber();
        var to = RedisChannel.Literal(channel);

        var oversized = Wire("other", ChangeKinds.Rule, "too-big", detail: new string('x', ChangeFeed.MaxPayloadBytes));
        Assert.True(Encoding.UTF8.GetByteCount(oversized) > ChangeFeed.MaxPayloadBytes);
        await publisher.PublishAsync(to, oversized);
        await publisher.PublishAsync(to, "not json at all {");
        await publisher.PublishAsync(to, "{}");
        await publisher.PublishAsync(to, "[1,2,3]");
        await publisher.PublishAsync(to, """{"O":"other","K":"rule"}""");
        await publisher.PublishAsync(to, new byte[] { 0xff, 0xfe, 0x00, 0x01 });
        await publisher.PublishAsync(to, Wire("other", ChangeKinds.Rule, "good"));

        // Redis delivers one publisher's messages in order: when the good one is here, the bad ones were handled.
        await log.FirstAsync(n => n.Key == "good", Patience);
        var only = Assert.Single(log.All);
        Assert.Equal("alice", only.Actor);
        Assert.True(feed.Feed.Connected);
    }

    [Fact]
    public async Task AThrowingSubscriber_DoesNotStopTheOthers()
    {
        await using var feed = await FeedAsync($"127.0.0.1:{TestStack.FreeLoopbackPort()}", Channel());
        using var throwing = feed.Feed.Subscribe(_ => throw new InvalidOperationException("a page's bug"));
        using var slow = feed.Feed.Subscribe(_ => Task.Delay(TimeSpan.FromMinutes(1)));
        using var log = new NoticeLog(feed.Feed);

        await feed.Feed.PublishAsync(new ChangeNotice(ChangeKinds.Runbook, "one", "alice", "", default));
        await feed.Feed.PublishAsync(new ChangeNotice(ChangeKinds.Runbook, "two", "alice", "", default));

        await log.FirstAsync(n => n.Key == "two", Patience);
        Assert.Equal(["one", "two"], log.All.Select(n => n.Key));
    }

    [Fact]
    public async Task RedisRestarted_FeedReportsTheLoss_ThenResubscribesByItself()
    {
        await using var redis = new RedisProcess();
        await redis.StartAsync();
        var channel = Channel();
        await using var feed = await FeedAsync(redis.Configuration, channel);
        await ConnectedAsync(feed.Feed);
        var changes = new List<bool>();
        feed.Feed.ConnectedChanged += connected => { lock (changes) { changes.Add(connected); } };
        using var log = new NoticeLog(feed.Feed);

        await redis.StopAsync();
        await Eventually.UntilAsync(() => !feed.Feed.Connected, Patience, "the feed still says connected with its Redis stopped");

        // While Redis is away a save still reaches this replica's pages, and publishing does not throw.
        await feed.Feed.PublishAsync(new ChangeNotice(ChangeKinds.Rule, "while-down", "alice", "", default));
        await log.FirstAsync(n => n.Key == "while-down", Patience);

        await redis.StartAsync();
        await ConnectedAsync(feed.Feed, TimeSpan.FromSeconds(60));
        await using var raw = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        // The subscription must be back on the new server: a message from another replica arrives.
        await Eventually.UntilAsync(() => log.All.Any(n => n.Key == "after-restart"), Patience, "no notice arrived after Redis came back",
            TimeSpan.FromMilliseconds(200),
            () => raw.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), Wire("other", ChangeKinds.Rule, "after-restart")));

        lock (changes)
        {
            Assert.Equal([false, true], changes.Distinct());
        }
    }

    private static string Channel() => "portal:test:" + Guid.NewGuid().ToString("N")[..12];

    private static string Wire(string origin, string kind, string key, string? detail = null) => JsonSerializer.Serialize(new
    {
        O = origin, K = kind, Id = key, A = "alice", R = "replica-other", T = DateTimeOffset.UtcNow, V = (string?)null, D = detail,
    });

    private static async Task ConnectedAsync(IChangeFeed feed, TimeSpan? patience = null)
    {
        await Eventually.UntilAsync(() => feed.Connected, patience ?? Patience, "the change feed did not connect");
    }

    internal static async Task<RunningFeed> FeedAsync(string redis, string channel)
    {
        var multiplexer = new Lazy<IConnectionMultiplexer>(() =>
        {
            var options = ConfigurationOptions.Parse(redis);
            (options.AbortOnConnectFail, options.ConnectTimeout, options.SyncTimeout, options.AsyncTimeout) = (false, 2000, 2000, 2000);
            return ConnectionMultiplexer.Connect(options);
        });
        var feed = new ChangeFeed(multiplexer,
            new ReplicaIdentity(Options.Create(new ClusterOptions { ReplicaName = "replica-test" }), TimeProvider.System),
            Options.Create(new ChangeFeedOptions { Channel = channel }), TimeProvider.System, NullLogger<ChangeFeed>.Instance);
        await feed.StartAsync(default);
        return new RunningFeed(feed, multiplexer);
    }

    internal sealed record RunningFeed(ChangeFeed Feed, Lazy<IConnectionMultiplexer> Multiplexer) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Feed.StopAsync(default);
            Feed.Dispose();
            if (Multiplexer.IsValueCreated)
            {
                await Multiplexer.Value.DisposeAsync();
            }
        }
    }
}
