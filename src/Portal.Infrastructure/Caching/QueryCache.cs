using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Queries;
using Portal.Infrastructure.Metrics;
using Portal.Infrastructure.Prometheus;
using StackExchange.Redis;

namespace Portal.Infrastructure.Caching;

/// <summary>
/// Caches range results in Redis in step-aligned chunks (see <see cref="RangeChunks"/>). The newest
/// ten minutes are never cached, because Prometheus may still ingest late samples for them. All
/// chunks are looked up in one round trip; misses that are adjacent are fetched in one upstream query (a long run in a few pieces side by side);
/// two identical requests in this instance share one upstream query.
/// </summary>
internal sealed class QueryCache(IPrometheus prometheus, Lazy<IConnectionMultiplexer> redis, RangeFetches fetches, RangeMemory memory, TimeProvider clock,
    IOptions<PrometheusOptions> options, ILogger<QueryCache> logger)
    : IRangeQueries
{
    public static readonly TimeSpan Unsettled = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);
    private readonly ConcurrentDictionary<string, SharedFetch> _inFlight = fetches.InFlight;
    private readonly ConcurrentDictionary<string, Task> _writing = fetches.Writing;

    public async Task<RangeResult> QueryRangeAsync(string query, RangePlan plan, int maxSeries, CancellationToken ct)
    {
        var starts = RangeChunks.Starts(plan);
        var settledBefore = clock.GetUtcNow() - Unsettled;
        var cacheable = starts.Where(s => RangeChunks.LastStep(s, plan.Step) < settledBefore).ToList();
        var cached = await ReadAsync(cacheable.Select(s => Key(query, plan.Step, s)).ToArray());
        var pieces = new Dictionary<DateTimeOffset, IReadOnlyList<CachedSeries>>();
        for (var i = 0; i < cacheable.Count; i++)
        {
            if (cached[i] is { } hit)
            {
                pieces[cacheable[i]] = hit;
            }
        }

        var missing = starts.Where(s => !pieces.ContainsKey(s)).ToList();
        // Every run of missing chunks is asked for at once; their answers are sliced as they come.
        var runs = RangeChunks.Runs(missing, plan.Step, options.Value.RangeQueryPieces)
            .Select(run => (run.First, run.Last, Fetch: FetchOnceAsync(query, new RangePlan(run.First, RangeChunks.LastStep(run.Last, plan.Step), plan.Step), ct)))
            .ToList();
        foreach (var (first, last, fetch) in runs)
        {
            var fetched = await fetch;
            foreach (var start in missing.Where(s => s >= first && s <= last))
            {
                var chunk = Slice(fetched, start, RangeChunks.LastStep(start, plan.Step));
                pieces[start] = chunk;
                if (RangeChunks.LastStep(start, plan.Step) < settledBefore)
                {
                    WriteBehind(Key(query, plan.Step, start), chunk);
                }
            }
        }

        return Assemble(starts.Select(s => pieces[s]), plan, maxSeries);
    }

    /// <summary>Identical concurrent fetches in this instance wait for the first instead of asking again.</summary>
    private async Task<IReadOnlyList<CachedSeries>> FetchOnceAsync(string query, RangePlan plan, CancellationToken ct)
    {
        var key = $"{prometheus.BaseAddress}\n{query}\n{plan.Start.UtcTicks}\n{plan.End.UtcTicks}\n{plan.Step.Ticks}";
        SharedFetch shared;
        while (!(shared = _inFlight.GetOrAdd(key, _ => new SharedFetch(token => prometheus.QueryRangeAsync(query, plan, int.MaxValue, token)))).TryJoin())
        {
            _inFlight.TryRemove(new KeyValuePair<string, SharedFetch>(key, shared));
        }

        try
        {
            var result = await shared.Task.WaitAsync(ct);
            return result.Series.Select(s => new CachedSeries(new Dictionary<string, string>(s.Labels),
                s.Samples.Select(p => p.At.ToUnixTimeMilliseconds()).ToArray(), s.Samples.Select(p => p.Value).ToArray())).ToList();
        }
        finally
        {
            shared.Leave();
            if (shared.Task.IsCompleted)
            {
                _inFlight.TryRemove(new KeyValuePair<string, SharedFetch>(key, shared));
            }
        }
    }

    /// <summary>
    /// One upstream range query and the requests waiting for it: it is cancelled (and the connection to
    /// Prometheus dropped) when the last of them leaves, so a closed page stops a heavy query.
    /// </summary>
    internal sealed class SharedFetch(Func<CancellationToken, Task<RangeResult>> start)
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly Lock _gate = new();
        private Task<RangeResult>? _task;
        private int _waiters;

        public Task<RangeResult> Task => _task!;

        /// <summary>False when the fetch was already given up; the caller starts a new one.</summary>
        public bool TryJoin()
        {
            lock (_gate)
            {
                if (_cancel.IsCancellationRequested)
                {
                    return false;
                }

                _waiters++;
                _task ??= start(_cancel.Token);
                return true;
            }
        }

        public void Leave()
        {
            lock (_gate)
            {
                if (--_waiters == 0 && !_task!.IsCompleted)
                {
                    _cancel.Cancel();
                }
            }
        }
    }

    private string Key(string query, TimeSpan step, DateTimeOffset chunkStart)
    {
        var identity = $"{prometheus.BaseAddress}\n{query}\n{step.Ticks}\n{chunkStart.UtcTicks}";
        return ChunkFormat.KeyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
    }

    /// <summary>
    /// All chunks in one round trip; a chunk that is missing or unreadable is null. Chunks held in this process
    /// (<see cref="RangeMemory"/>) are only asked whether their keys still exist, in the same round trip as the others' values.
    /// </summary>
    private async Task<IReadOnlyList<CachedSeries>?[]> ReadAsync(string[] keys)
    {
        var chunks = new IReadOnlyList<CachedSeries>?[keys.Length];
        var writing = keys.Select(k => _writing.TryGetValue(k, out var write) ? write : null).OfType<Task>().ToList();
        if (writing.Count > 0)
        {
            await Task.WhenAll(writing);
        }

        if (keys.Length == 0)
        {
            return chunks;
        }

        using var timer = global::Prometheus.TimerExtensions.NewTimer(PortalMetrics.CacheLookupDuration);
        var held = new List<int>();
        var asked = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (memory.TryGet(keys[i], out var copy))
            {
                chunks[i] = copy;
                held.Add(i);
            }
            else
            {
                asked.Add(i);
            }
        }

        RedisValue[] values;
        try
        {
            var db = redis.Value.GetDatabase();
            // Both commands go out together on the one connection: a single round trip.
            var existing = held.Count > 0 ? db.KeyExistsAsync(held.Select(i => (RedisKey)keys[i]).ToArray()) : Task.FromResult(0L);
            var fetched = asked.Count > 0 ? db.StringGetAsync(asked.Select(i => (RedisKey)keys[i]).ToArray()) : Task.FromResult(Array.Empty<RedisValue>());
            var present = await existing;
            values = await fetched;
            if (present < held.Count)
            {
                // Some held key was deleted or has expired in Redis. Which one is not worth a question of its own: every
                // copy of this read is dropped and read again like the rest.
                foreach (var i in held)
                {
                    memory.Forget(keys[i]);
                    chunks[i] = null;
                }

                values = [.. values, .. await db.StringGetAsync(held.Select(i => (RedisKey)keys[i]).ToArray())];
                asked.AddRange(held);
                held.Clear();
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Settled chunks never change, so the copies still answer while Redis is away; the rest comes from Prometheus.
            PortalMetrics.CacheRequests.WithLabels("hit").Inc(held.Count);
            PortalMetrics.CacheRequests.WithLabels("error").Inc(asked.Count);
            logger.LogDebug(e, "Query cache unavailable; asking Prometheus directly");
            return chunks;
        }

        PortalMetrics.CacheRequests.WithLabels("hit").Inc(held.Count);
        for (var a = 0; a < asked.Count; a++)
        {
            var (i, value) = (asked[a], values[a]);
            try
            {
                chunks[i] = value.HasValue ? ChunkFormat.Decode((byte[])value!) : null;
                PortalMetrics.CacheRequests.WithLabels(value.HasValue ? "hit" : "miss").Inc();
                if (chunks[i] is { } decoded)
                {
                    memory.Put(keys[i], decoded);
                }
            }
            catch (InvalidDataException e)
            {
                PortalMetrics.CacheRequests.WithLabels("error").Inc();
                logger.LogDebug(e, "Unreadable query cache entry; asking Prometheus directly");
            }
        }

        return chunks;
    }

    /// <summary>
    /// Encodes and stores a chunk after the answer has gone: the caller does not wait for Redis. A read of
    /// the same key in this process waits for the write first, so a second ask still finds it.
    /// </summary>
    private void WriteBehind(string key, IReadOnlyList<CachedSeries> chunk)
    {
        var write = Task.Run(async () =>
        {
            try
            {
                await redis.Value.GetDatabase().StringSetAsync(key, ChunkFormat.Encode(chunk), Lifetime);
                // Kept here only once Redis holds it: a copy is served only while its key exists there.
                memory.Put(key, chunk);
            }
            catch (Exception e)
            {
                // Not cached is never an error for the user: the next ask fetches again.
                logger.LogDebug(e, "Query cache unavailable; result not cached");
            }
        });
        _writing[key] = write;
        _ = write.ContinueWith(_ => _writing.TryRemove(new KeyValuePair<string, Task>(key, write)), TaskScheduler.Default);
    }

    internal static IReadOnlyList<CachedSeries> Slice(IReadOnlyList<CachedSeries> series, DateTimeOffset from, DateTimeOffset to)
    {
        var (lo, hi) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        return series.Select(s =>
            {
                // Prometheus answers in time order, so a chunk's bounds are two binary searches, not scans
                // of the whole run for each of its chunks.
                var (first, end) = (FirstAtOrAfter(s.Times, lo), FirstAtOrAfter(s.Times, hi + 1));
                return end > first ? new CachedSeries(s.Labels, s.Times[first..end], s.Values[first..end]) : null;
            })
            .OfType<CachedSeries>()
            .ToList();
    }

    private static int FirstAtOrAfter(long[] times, long at)
    {
        var index = Array.BinarySearch(times, at);
        return index >= 0 ? index : ~index;
    }

    private static RangeResult Assemble(IEnumerable<IReadOnlyList<CachedSeries>> chunks, RangePlan plan, int maxSeries)
    {
        var (lo, hi) = (plan.Start.ToUnixTimeMilliseconds(), plan.End.ToUnixTimeMilliseconds());
        // The pieces of each series first, then one array of exactly their length: a week holds 173,000 samples, and
        // growing lists one sample at a time copied them several times over on every warm call.
        var merged = new Dictionary<string, Merged>(StringComparer.Ordinal);
        var order = new List<Merged>();
        foreach (var series in chunks.SelectMany(c => c))
        {
            var (first, end) = (FirstAtOrAfter(series.Times, lo), FirstAtOrAfter(series.Times, hi + 1));
            var identity = string.Join('\u0001', series.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
            if (!merged.TryGetValue(identity, out var entry))
            {
                entry = new Merged(series.Labels);
                merged[identity] = entry;
                order.Add(entry);
            }

            if (end > first)
            {
                entry.Pieces.Add((series, first, end));
                entry.Count += end - first;
            }
        }

        var all = order.Where(m => m.Count > 0).ToList();
        return new RangeResult(all.Take(maxSeries).Select(m => new RangeSeries(m.Labels, m.Samples())).ToList(), all.Count);
    }

    private sealed class Merged(Dictionary<string, string> labels)
    {
        public Dictionary<string, string> Labels { get; } = labels;

        public List<(CachedSeries Series, int First, int End)> Pieces { get; } = [];

        public int Count { get; set; }

        public (DateTimeOffset, double)[] Samples()
        {
            var samples = new (DateTimeOffset, double)[Count];
            var at = 0;
            foreach (var (series, first, end) in Pieces)
            {
                for (var i = first; i < end; i++)
                {
                    samples[at++] = (DateTimeOffset.FromUnixTimeMilliseconds(series.Times[i]), series.Values[i]);
                }
            }

            return samples;
        }
    }
}
