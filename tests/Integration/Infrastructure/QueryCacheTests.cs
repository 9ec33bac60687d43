using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Queries;
using Portal.Infrastructure.Caching;
using Portal.Infrastructure.Metrics;
using Portal.Infrastructure.Prometheus;

namespace Portal.Tests.Integration.Infrastructure;

/// <summary>The Redis range cache against the real Prometheus and Redis of the test stack.</summary>
[Collection(nameof(QueryCacheTests))]
public class QueryCacheTests
{
    // A query no other test asks, so earlier runs' cache entries cannot answer for this run.
    private static string UniqueQuery() => $"up + 0 * {Random.Shared.Next(1, int.MaxValue)}";

    private static RangePlan TwoHours() =>
        RangePlan.Choose(DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(15)).Plan!;

    private static double UpstreamQueries() => PortalMetrics.PrometheusQueryDuration.WithLabels("query_range").Count;

    [Fact]
    public async Task SecondAsk_AnswersSettledChunksFromRedis_AndFetchesOnlyTheFreshTail()
    {
        await using var portal = PortalFactory.For();
        var cache = portal.Services.GetRequiredService<IRangeQueries>();
        var prometheus = portal.Services.GetRequiredService<IPrometheus>();
        var query = UniqueQuery();
        var plan = TwoHours();

        var hitsBefore = PortalMetrics.CacheRequests.WithLabels("hit").Value;
        var first = await cache.QueryRangeAsync(query, plan, 500, default);
        var upstreamAfterFirst = UpstreamQueries();
        var second = await cache.QueryRangeAsync(query, plan, 500, default);
        var upstreamAfterSecond = UpstreamQueries();
        var direct = await prometheus.QueryRangeAsync(query, plan, 500, default);

        Assert.True(PortalMetrics.CacheRequests.WithLabels("hit").Value - hitsBefore >= 1, "no cache hit on the second ask");
        Assert.Equal(1, upstreamAfterSecond - upstreamAfterFirst);
        Assert.Equal(Canonical(direct), Canonical(second));
        Assert.Equal(Canonical(first), Canonical(second));
    }

    [Fact]
    public async Task WithRedisDown_TheCacheIsBypassed_AndAnswersStillCome()
    {
        await using var redis = new RedisProcess();
        await redis.StartAsync();
        await redis.StopAsync();
        await using var portal = PortalFactory.For(redis: redis.Configuration);
        var cache = portal.Services.GetRequiredService<IRangeQueries>();

        var result = await cache.QueryRangeAsync(UniqueQuery(), TwoHours(), 500, default);

        Assert.Contains(result.Series, s => s.Labels["job"] == "prometheus");
    }

    [Fact]
    public async Task IdenticalConcurrentAsks_ShareOneUpstreamQuery()
    {
        await using var portal = PortalFactory.For();
        var query = UniqueQuery();
        var plan = RangePlan.Choose(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(15)).Plan!;
        var before = UpstreamQueries();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            portal.Services.GetRequiredService<IRangeQueries>().QueryRangeAsync(query, plan, 500, default)));

        Assert.Equal(1, UpstreamQueries() - before);
        Assert.All(results, r => Assert.Equal(Canonical(results[0]), Canonical(r)));
    }

    [Fact]
    public async Task ALongColdRange_IsAskedInTwoPiecesSideBySide_AndAnswersExactlyAsOneQueryDoes()
    {
        await using var portal = PortalFactory.For();
        var cache = portal.Services.GetRequiredService<IRangeQueries>();
        var prometheus = portal.Services.GetRequiredService<IPrometheus>();
        // Two series with a value at every step of the last hours, however young the test stack is.
        var query = $"label_replace(vector(time() % 977), \"piece\", \"a\", \"\", \"\") or label_replace(vector({Random.Shared.Next(1, int.MaxValue)}), \"piece\", \"b\", \"\", \"\")";
        // 30 chunks of 240 one-second steps, ending before the unsettled tail so that all of them are cut the same way.
        // Whole seconds, as the plans the portal makes are aligned to their step.
        var end = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow - QueryCache.Unsettled - TimeSpan.FromMinutes(1)).ToUnixTimeSeconds());
        var plan = new RangePlan(end.AddHours(-2), end, TimeSpan.FromSeconds(1));
        Assert.True(RangeChunks.Starts(plan).Count >= 2 * RangeChunks.MinChunksPerPiece);

        var before = UpstreamQueries();
        var pieced = await cache.QueryRangeAsync(query, plan, 500, default);
        var upstream = UpstreamQueries() - before;
        var direct = await prometheus.QueryRangeAsync(query, plan, 500, default);

        Assert.Equal(2, upstream);
        Assert.Equal(2, direct.Series.Count);
        Assert.Equal(plan.PointsPerSeries, direct.Series[0].Samples.Count);
        Assert.Equal(Canonical(direct), Canonical(pieced));
    }

    [Fact]
    public async Task SeriesBeyondTheLimit_AreCutAndCounted()
    {
        await using var portal = PortalFactory.For();

        var result = await portal.Services.GetRequiredService<IRangeQueries>().QueryRangeAsync(UniqueQuery(), TwoHours(), 2, default);

        Assert.Equal(2, result.Series.Count);
        Assert.True(result.CutSeries >= 2);
    }

    [Fact]
    public async Task ChunksHeldInMemory_AnswerLikeRedis_UntilTheirKeysAreDeletedThere()
    {
        await using var portal = PortalFactory.For();
        var cache = portal.Services.GetRequiredService<IRangeQueries>();
        var memory = portal.Services.GetRequiredService<RangeMemory>();
        var redis = portal.Services.GetRequiredService<Lazy<StackExchange.Redis.IConnectionMultiplexer>>().Value;
        var query = UniqueQuery();
        var plan = TwoHours();

        var server = redis.GetServers()[0];
        async Task<HashSet<StackExchange.Redis.RedisKey>> KeysAsync() => [.. await server.KeysAsync(pattern: ChunkFormat.KeyPrefix + "*").ToArrayAsync()];
        var before = await KeysAsync();

        var first = await cache.QueryRangeAsync(query, plan, 500, default);
        var upstreamAfterFirst = UpstreamQueries();
        var held = await cache.QueryRangeAsync(query, plan, 500, default);
        Assert.True(memory.Bytes > 0, "no chunk was kept in memory after the first ask");
        Assert.Equal(1, UpstreamQueries() - upstreamAfterFirst); // only the unsettled tail
        Assert.Equal(Canonical(first), Canonical(held));

        // Deleting the keys in Redis (as an operator clearing the cache would) must reach the copies: the next ask fetches
        // again and writes the chunks back, which copies answering in their place would not.
        var ours = (await KeysAsync()).Except(before).ToArray();
        Assert.NotEmpty(ours);
        await redis.GetDatabase().KeyDeleteAsync(ours);
        var again = await cache.QueryRangeAsync(query, plan, 500, default);
        await cache.QueryRangeAsync(query, plan, 500, default); // waits for the writes of the ask before

        Assert.Contains(ours, k => redis.GetDatabase().KeyExists(k));
        Assert.Equal(Canonical(first), Canonical(again));
    }

    [Fact]
    public void MemoryTier_KeepsWithinItsBytes_DroppingTheLeastRecentlyUsed()
    {
        var memory = new RangeMemory(Microsoft.Extensions.Options.Options.Create(new RedisOptions { MemoryTierBytes = 40_000 }));
        CachedSeries[] Chunk() => [new(new Dictionary<string, string> { ["job"] = "a" }, new long[1000], new double[1000])];

        memory.Put("one", Chunk());
        memory.Put("two", Chunk());
        Assert.True(memory.TryGet("one", out _)); // "one" is now the most recently used
        memory.Put("three", Chunk());

        Assert.True(memory.Bytes <= 40_000, $"{memory.Bytes} bytes kept");
        Assert.True(memory.TryGet("one", out _));
        Assert.False(memory.TryGet("two", out _));
        Assert.True(memory.TryGet("three", out _));
        memory.Put("huge", [new(new Dictionary<string, string>(), new long[10_000], new double[10_000])]);
        Assert.False(memory.TryGet("huge", out _));
    }

    private static string Canonical(RangeResult result) => string.Join("\n", result.Series
        .Select(s => string.Join(",", s.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")) + ":" +
                     string.Join(" ", s.Samples.Select(p => $"{p.At.ToUnixTimeSeconds()}={p.Value}")))
        .Order(StringComparer.Ordinal));
}

[CollectionDefinition(nameof(QueryCacheTests), DisableParallelization = true)]
public sealed class QueryCacheCollection;
