namespace Portal.Infrastructure.Incidents;

/// <summary>
/// What reading <c>ALERTS</c> again over an incident's window did: entries added, entries it found that the incident
/// already held or that someone had removed, whether the chart snapshot was taken again, and what could not be read.
/// </summary>
public sealed record TimelineRefresh(int Added, int Known, bool ChartRetaken, IReadOnlyList<string> Problems, IncidentDetail Incident);
