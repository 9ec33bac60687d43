using System.Collections.Concurrent;

namespace Portal.Infrastructure.Caching;

/// <summary>
/// What the transient <see cref="QueryCache"/> instances of one process share (a singleton): upstream
/// queries in flight, so that one runs per key whichever request asked first, and chunk writes still on
/// their way to Redis.
/// </summary>
internal sealed class RangeFetches
{
    public ConcurrentDictionary<string, QueryCache.SharedFetch> InFlight { get; } = new();

    public ConcurrentDictionary<string, Task> Writing { get; } = new();
}
