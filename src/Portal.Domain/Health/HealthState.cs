namespace Portal.Domain.Health;

/// <summary>The state of one dependency or of the portal as a whole, ordered from best to worst.</summary>
public enum HealthState
{
    Healthy = 0,
    Degraded = 1,
    Unhealthy = 2,
}
