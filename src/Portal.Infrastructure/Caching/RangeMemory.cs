using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Caching;

/// <summary>
/// Decoded range chunks kept in this process in front of Redis, least recently used first out, bounded in bytes
/// (<see cref="RedisOptions.MemoryTierBytes"/>). A warm backtest of a week spent most of its time fetching 2.8 MB of
/// chunks from Redis and decoding them; a settled chunk never changes, so a copy here answers as well. Redis stays
/// the truth: <see cref="QueryCache"/> serves a copy only while its key still exists there, so deleting keys (an
/// operator clearing a bad cache, the benchmark's cold calls) or their expiry reaches every replica.
/// </summary>
internal sealed class RangeMemory(IOptions<RedisOptions> options)
{
    private readonly long _capacity = Math.Max(0, options.Value.MemoryTierBytes);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    private sealed record Entry(string Key, IReadOnlyList<CachedSeries> Chunk, long Bytes);

    /// <summary>What the kept chunks take, as estimated when they were put: for tests and the health page.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public bool TryGet(string key, out IReadOnlyList<CachedSeries> chunk)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                chunk = node.Value.Chunk;
                return true;
            }
        }

        chunk = [];
        return false;
    }

    /// <summary>Keeps a chunk; one larger than the whole budget is not kept (it would evict everything for itself).</summary>
    public void Put(string key, IReadOnlyList<CachedSeries> chunk)
    {
        var bytes = Estimate(key, chunk);
        if (bytes > _capacity)
        {
            return;
        }

        lock (_gate)
        {
            RemoveLocked(key);
            _entries[key] = _recency.AddFirst(new Entry(key, chunk, bytes));
            _bytes += bytes;
            while (_bytes > _capacity && _recency.Last is { } oldest)
            {
                RemoveLocked(oldest.Value.Key);
            }
        }
    }

    public void Forget(string key)
    {
        lock (_gate)
        {
            RemoveLocked(key);
        }
    }

    private void RemoveLocked(string key)
    {
        if (_entries.Remove(key, out var node))
        {
            _recency.Remove(node);
            _bytes -= node.Value.Bytes;
        }
    }

    // The arrays dominate (16 bytes a sample); labels and object headers are counted roughly, on the high side.
    private static long Estimate(string key, IReadOnlyList<CachedSeries> chunk)
    {
        long bytes = 128 + key.Length * 2L;
        foreach (var series in chunk)
        {
            bytes += 160 + series.Times.Length * 16L;
            foreach (var (name, value) in series.Labels)
            {
                bytes += 96 + (name.Length + value.Length) * 2L;
            }
        }

        return bytes;
    }
}
