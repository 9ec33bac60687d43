namespace Portal.Domain.Incidents;

/// <summary>
/// What a timeline entry records. The first six are written by people; <see cref="AlertFiring"/> and
/// <see cref="AlertResolved"/> are read from Prometheus' <c>ALERTS</c> series and marked automatic.
/// </summary>
public enum TimelineKind
{
    Detected,
    Acknowledged,
    Mitigated,
    Resolved,
    StatusUpdate,
    Note,
    AlertFiring,
    AlertResolved,
}
