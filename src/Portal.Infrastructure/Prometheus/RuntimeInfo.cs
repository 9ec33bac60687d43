namespace Portal.Infrastructure.Prometheus;

public sealed record RuntimeInfo(bool ReloadConfigSuccess, DateTimeOffset LastConfigTime, DateTimeOffset StartTime);
