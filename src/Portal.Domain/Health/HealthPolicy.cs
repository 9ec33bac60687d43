namespace Portal.Domain.Health;

/// <summary>
/// Decides the portal's overall state from its components. The database holds every rule, so
/// losing it makes the portal unhealthy; the cache and Prometheus only make it slower or blind,
/// so losing them degrades it.
/// </summary>
public static class HealthPolicy
{
    public static readonly IReadOnlySet<string> Essential = new HashSet<string>(StringComparer.Ordinal) { "db" };

    public static HealthState Overall(IEnumerable<ComponentHealth> components)
    {
        var overall = HealthState.Healthy;
        foreach (var component in components)
        {
            var effect = component.State == HealthState.Unhealthy && !Essential.Contains(component.Name)
                ? HealthState.Degraded
                : component.State;
            if (effect > overall)
            {
                overall = effect;
            }
        }

        return overall;
    }

    /// <summary>Degraded still serves users, so load balancers should keep sending traffic.</summary>
    public static int HttpStatus(HealthState state) => state == HealthState.Unhealthy ? 503 : 200;

    public static string Wire(HealthState state) => state switch
    {
        HealthState.Healthy => "healthy",
        HealthState.Degraded => "degraded",
        _ => "unhealthy",
    };
}
