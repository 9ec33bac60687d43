namespace Portal.Domain.Capacity;

/// <summary>
/// What usage is measured against: a fixed number (4,096 MB, 500 connections) or a query whose value is the limit
/// (<c>pg_settings_max_connections</c>, <c>redis_config_maxmemory</c>). Exactly one of the two is set.
/// </summary>
public sealed record CapacityLimit(double? Value, string? Query)
{
    public static CapacityLimit Fixed(double value) => new(value, null);

    public static CapacityLimit FromQuery(string query) => new(null, query);

    public bool IsQuery => Query is not null;
}
