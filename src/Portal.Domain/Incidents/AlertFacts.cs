namespace Portal.Domain.Incidents;

/// <summary>The alert an incident starts from: its name, labels, value and when it started firing.</summary>
public sealed record AlertFacts(string Name, IReadOnlyDictionary<string, string> Labels, double? Value, DateTimeOffset? StartsAt);
