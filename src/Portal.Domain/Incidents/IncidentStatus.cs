namespace Portal.Domain.Incidents;

/// <summary>
/// Where an incident stands. The usual path is one step at a time, but a step may be skipped (a quick fix goes straight to
/// Resolved) and a resolved incident may be reopened.
/// </summary>
public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}
