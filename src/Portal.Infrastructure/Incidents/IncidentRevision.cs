using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>The header and writeup as one revision saved them.</summary>
public sealed record IncidentRevision(int Number, DateTimeOffset At, string By, string? Reason, string Title, IncidentStatus Status, string Severity, string Body);
