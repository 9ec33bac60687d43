using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>An open action item with the incident it belongs to, for the list across incidents (overdue first).</summary>
public sealed record OpenActionItem(ActionItem Item, Guid IncidentId, long IncidentNumber, string IncidentTitle);
