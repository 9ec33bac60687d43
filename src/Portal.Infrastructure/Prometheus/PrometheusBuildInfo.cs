namespace Portal.Infrastructure.Prometheus;

public sealed record PrometheusBuildInfo(string Version, string Revision);
