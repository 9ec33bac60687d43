namespace Portal.Domain.Incidents;

/// <summary>A Markdown writeup with <c>{{placeholders}}</c> (<see cref="Placeholders"/>), filled in when an incident starts.</summary>
/// <param name="Key">Stable identifier used by the API (<c>postmortem</c>, <c>status-update</c>).</param>
public sealed record IncidentTemplate(string Key, string Name, string Description, string Body);
