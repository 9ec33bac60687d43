using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>
/// A page of the incident list: filters (all optional), full-text <see cref="Text"/> over title and writeup, newest first.
/// <see cref="Since"/>/<see cref="Until"/> bound the start time.
/// </summary>
public sealed record IncidentQuery(
    string? Text = null,
    IncidentStatus? Status = null,
    string? Severity = null,
    string? Team = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 200;
    public const int MaxTextLength = 200;
}
