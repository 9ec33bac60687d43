namespace Portal.Domain.Incidents;

/// <summary>Where an incident stands. It moves forward one step at a time, and may go back while not resolved.</summary>
public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}
