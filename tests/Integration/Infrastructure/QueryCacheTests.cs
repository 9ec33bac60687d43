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
    public async Task SeriesBeyondTheLimit_AreCutAndCounted()
    {
        await using var portal = PortalFactory.For();

        var result = await portal.Services.GetRequiredService<IRangeQueries>().QueryRangeAsync(UniqueQuery(), TwoHours(), 2, default);

        Assert.Equal(2, result.Series.Count);
        Assert.True(result.CutSeries >= 2);
    }

    private static string Canonical(RangeResult result) => string.Join("\n", result.Series
        .Select(s => string.Join(",", s.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")) + ":" +
                     string.Join(" ", s.Samples.Select(p => $"{p.At.ToUnixTimeSeconds()}={p.Value}")))
        .Order(StringComparer.Ordinal));
}

[CollectionDefinition(nameof(QueryCacheTests), DisableParallelization = true)]
public sealed class QueryCacheCollection;
