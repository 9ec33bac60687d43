namespace Portal.Infrastructure.Caching;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "127.0.0.1:56379".</summary>
    public string Configuration { get; set; } = "127.0.0.1:56379";

    /// <summary>
    /// Bytes of decoded range chunks each replica keeps in memory in front of Redis (<see cref="RangeMemory"/>); 0 turns
    /// the memory tier off. 64 MB holds about twenty week-long backtests of 16 series.
    /// </summary>
    public long MemoryTierBytes { get; set; } = 64L * 1024 * 1024;
}
