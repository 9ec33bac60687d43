namespace Portal.Infrastructure.Prometheus;

/// <summary>Which Prometheus the portal is connected to, as the footer shows it.</summary>
public sealed record PrometheusConnection(Uri Url, string? Version, string? Error)
{
    public bool IsUp => Error is null;
}
