using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>One row of the incident list.</summary>
public sealed record IncidentSummary(
    Guid Id,
    long Number,
    string Title,
    IncidentStatus Status,
    string Severity,
    string? Team,
    string? AlertName,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset UpdatedAt,
    int OpenActions);
