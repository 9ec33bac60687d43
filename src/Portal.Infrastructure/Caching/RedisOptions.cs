namespace Portal.Infrastructure.Caching;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "127.0.0.1:56379".</summary>
    public string Configuration { get; set; } = "127.0.0.1:56379";
}
