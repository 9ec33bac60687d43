using System.Collections.Concurrent;

namespace Portal.Infrastructure.Lint;

/// <summary>
/// Answers of Prometheus reused for a few minutes, per portal process: a person typing in the editor
/// asks about the same metric a dozen times. Concurrent askers share one request; failures are not kept.
/// </summary>
public sealed class LiveLintCache(TimeProvider clock)
{
    // Past this many entries the cache starts over: a bound, not an eviction policy.
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, Task<object> Value)> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, TimeSpan keepFor, Func<Task<T>> fetch)
        where T : class
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
        {
            return (T)await entry.Value;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var task = Fetch(fetch);
        _entries[key] = (now + keepFor, task);
        try
        {
            return (T)await task;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, (DateTimeOffset, Task<object>)>(key, (now + keepFor, task)));
            throw;
        }
    }

    private static async Task<object> Fetch<T>(Func<Task<T>> fetch)
        where T : class => await fetch();
}
