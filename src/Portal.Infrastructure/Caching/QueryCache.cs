using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Portal.Domain.Queries;
using Portal.Infrastructure.Metrics;
using Portal.Infrastructure.Prometheus;
using StackExchange.Redis;

namespace Portal.Infrastructure.Caching;

/// <summary>Range queries through the Redis cache. Without Redis it still answers, straight from Prometheus.</summary>
public interface IRangeQueries
{
    Task<RangeResult> QueryRangeAsync(string query, RangePlan plan, int maxSeries, CancellationToken ct);
}

/// <summary>
/// Caches range results in Redis in step-aligned chunks (see <see cref="RangeChunks"/>). The newest
/// ten minutes are never cached, because Prometheus may still ingest late samples for them; misses
/// that are adjacent are fetched in one upstream query; two identical requests in this instance share
/// one upstream query.
/// </summary>
internal sealed class QueryCache(IPrometheus prometheus, Lazy<IConnectionMultiplexer> redis, TimeProvider clock, ILogger<QueryCache> logger)
    : IRangeQueries
{
    public static readonly TimeSpan Unsettled = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    // Static: "one upstream query per key per portal process", whichever request asked first.
    private static readonly ConcurrentDictionary<string, Lazy<Task<RangeResult>>> InFlight = new();

    public async Task<RangeResult> QueryRangeAsync(string query, RangePlan plan, int maxSeries, CancellationToken ct)
    {
        var starts = RangeChunks.Starts(plan);
        var settledBefore = clock.GetUtcNow() - Unsettled;
        var pieces = new Dictionary<DateTimeOffset, IReadOnlyList<CachedSeries>>();
        var missing = new List<DateTimeOffset>();
        foreach (var start in starts)
        {
            var cacheable = RangeChunks.LastStep(start, plan.Step) < settledBefore;
            var cached = cacheable ? await ReadAsync(Key(query, plan.Step, start)) : null;
            if (cached is not null)
            {
                pieces[start] = cached;
            }
            else
            {
                missing.Add(start);
            }
        }

        foreach (var (first, last) in RangeChunks.Runs(missing, plan.Step))
        {
            var runPlan = new RangePlan(first, RangeChunks.LastStep(last, plan.Step), plan.Step);
            var fetched = await FetchOnceAsync(query, runPlan, ct);
            foreach (var start in missing.Where(s => s >= first && s <= last))
            {
                var chunk = Slice(fetched, start, RangeChunks.LastStep(start, plan.Step));
                pieces[start] = chunk;
                if (RangeChunks.LastStep(start, plan.Step) < settledBefore)
                {
                    await WriteAsync(Key(query, plan.Step, start), chunk);
                }
            }
        }

        return Assemble(starts.Select(s => pieces[s]), plan, maxSeries);
    }

    /// <summary>Identical concurrent fetches in this instance wait for the first instead of asking again.</summary>
    private async Task<IReadOnlyList<CachedSeries>> FetchOnceAsync(string query, RangePlan plan, CancellationToken ct)
    {
        var key = $"{prometheus.BaseAddress}\n{query}\n{plan.Start.UtcTicks}\n{plan.End.UtcTicks}\n{plan.Step.Ticks}";
        var shared = InFlight.GetOrAdd(key, _ => new Lazy<Task<RangeResult>>(() => prometheus.QueryRangeAsync(query, plan, int.MaxValue, CancellationToken.None)));
        try
        {
            var result = await shared.Value.WaitAsync(ct);
            return result.Series.Select(s => new CachedSeries(new Dictionary<string, string>(s.Labels),
                s.Samples.Select(p => p.At.ToUnixTimeMilliseconds()).ToArray(), s.Samples.Select(p => p.Value).ToArray())).ToList();
        }
        finally
        {
            if (shared.IsValueCreated && shared.Value.IsCompleted)
            {
                InFlight.TryRemove(new KeyValuePair<string, Lazy<Task<RangeResult>>>(key, shared));
            }
        }
    }

    private string Key(string query, TimeSpan step, DateTimeOffset chunkStart)
    {
        var identity = $"{prometheus.BaseAddress}\n{query}\n{step.Ticks}\n{chunkStart.UtcTicks}";
        return "portal:range:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
    }

    private async Task<IReadOnlyList<CachedSeries>?> ReadAsync(string key)
    {
        using var timer = global::Prometheus.TimerExtensions.NewTimer(PortalMetrics.CacheLookupDuration);
        try
        {
            var value = await redis.Value.GetDatabase().StringGetAsync(key);
            PortalMetrics.CacheRequests.WithLabels(value.HasValue ? "hit" : "miss").Inc();
            return value.HasValue ? JsonSerializer.Deserialize<List<CachedSeries>>((byte[])value!, Json) : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            PortalMetrics.CacheRequests.WithLabels("error").Inc();
            logger.LogDebug(e, "Query cache unavailable; asking Prometheus directly");
            return null;
        }
    }

    private async Task WriteAsync(string key, IReadOnlyList<CachedSeries> chunk)
    {
        try
        {
            await redis.Value.GetDatabase().StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(chunk, Json), Lifetime);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "Query cache unavailable; result not cached");
        }
    }

    private static IReadOnlyList<CachedSeries> Slice(IReadOnlyList<CachedSeries> series, DateTimeOffset from, DateTimeOffset to)
    {
        var (lo, hi) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        return series.Select(s =>
            {
                var first = Array.FindIndex(s.Times, t => t >= lo);
                var last = Array.FindLastIndex(s.Times, t => t <= hi);
                return first < 0 || last < first
                    ? null
                    : new CachedSeries(s.Labels, s.Times[first..(last + 1)], s.Values[first..(last + 1)]);
            })
            .OfType<CachedSeries>()
            .ToList();
    }

    private static RangeResult Assemble(IEnumerable<IReadOnlyList<CachedSeries>> chunks, RangePlan plan, int maxSeries)
    {
        var (lo, hi) = (plan.Start.ToUnixTimeMilliseconds(), plan.End.ToUnixTimeMilliseconds());
        var merged = new Dictionary<string, (Dictionary<string, string> Labels, List<(DateTimeOffset, double)> Samples)>(StringComparer.Ordinal);
        foreach (var series in chunks.SelectMany(c => c))
        {
            var identity = string.Join('\u0001', series.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
            if (!merged.TryGetValue(identity, out var entry))
            {
                entry = (series.Labels, []);
                merged[identity] = entry;
            }

            for (var i = 0; i < series.Times.Length; i++)
            {
                if (series.Times[i] >= lo && series.Times[i] <= hi)
                {
                    entry.Samples.Add((DateTimeOffset.FromUnixTimeMilliseconds(series.Times[i]), series.Values[i]));
                }
            }
        }

        var all = merged.Values.Where(v => v.Samples.Count > 0).ToList();
        return new RangeResult(all.Take(maxSeries).Select(v => new RangeSeries(v.Labels, v.Samples)).ToList(), all.Count);
    }

    /// <summary>One series of one chunk as stored in Redis: parallel arrays keep it compact.</summary>
    internal sealed record CachedSeries(Dictionary<string, string> Labels, long[] Times, double[] Values);
}
