namespace Portal.Infrastructure.Incidents;

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Total, int Page, int PageSize);
