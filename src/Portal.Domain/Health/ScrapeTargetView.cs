namespace Portal.Domain.Health;

/// <summary>One scrape target as one Prometheus server last reported it (its /api/v1/targets).</summary>
/// <param name="Server">The name the portal gives the Prometheus server that scrapes it.</param>
/// <param name="Health">Prometheus' word: <c>up</c>, <c>down</c> or <c>unknown</c> (not scraped yet).</param>
/// <param name="LastScrapeSeconds">How long the last scrape took; null before the first one.</param>
public sealed record ScrapeTargetView(
    string Server,
    string Job,
    string Instance,
    string ScrapePool,
    string Health,
    DateTimeOffset? LastScrape,
    double? LastScrapeSeconds,
    string? LastError)
{
    public bool IsUp => Health == "up";
}
