namespace Portal.Infrastructure.Health;

/// <summary>The Health page and <c>GET /api/v1/status</c>: how often, how long and how much.</summary>
public sealed class StatusOptions
{
    public const string Section = "Health";

    /// <summary>How often the Health page refreshes itself while it is visible.</summary>
    public int RefreshSeconds { get; set; } = 15;

    /// <summary>Every call to one Prometheus server gets this long; a slower server is reported as unreachable.</summary>
    public TimeSpan PrometheusTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Scrape targets listed (all servers together); the rest are counted.</summary>
    public int MaxTargets { get; set; } = 2_000;

    /// <summary>Failing rules listed (all servers together); the rest are counted.</summary>
    public int MaxFailingRules { get; set; } = 500;

    /// <summary>Rule groups listed as the slowest.</summary>
    public int SlowestGroups { get; set; } = 10;

    public TimeSpan Refresh => TimeSpan.FromSeconds(Math.Clamp(RefreshSeconds, 1, 3600));
}
