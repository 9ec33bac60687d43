using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>The editable header and writeup of an incident. <see cref="Version"/> is the version the edit started from.</summary>
public sealed record IncidentEdit(Guid Id, string Title, IncidentStatus Status, string Severity, string Body, uint Version, string? Reason = null);
