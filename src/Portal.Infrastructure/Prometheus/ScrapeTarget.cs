namespace Portal.Infrastructure.Prometheus;

public sealed record ScrapeTarget(string Job, string Instance, string Health, string? LastError, DateTimeOffset? LastScrape)
{
    /// <summary>The scrape configuration the target came from (usually the job's name, unless relabelled).</summary>
    public string ScrapePool { get; init; } = "";

    /// <summary>How long the last scrape took; null before the first one.</summary>
    public double? LastScrapeSeconds { get; init; }
}
