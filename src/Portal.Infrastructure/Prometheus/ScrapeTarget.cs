namespace Portal.Infrastructure.Prometheus;

public sealed record ScrapeTarget(string Job, string Instance, string Health, string? LastError, DateTimeOffset? LastScrape);
