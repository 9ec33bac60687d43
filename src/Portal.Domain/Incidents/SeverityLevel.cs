namespace Portal.Domain.Incidents;

/// <summary>
/// A severity an incident can have (SEV-1, SEV-2, ...): what it means, how fast someone is expected to respond, and
/// which values of an alert's <c>severity</c> label map to it. <paramref name="Rank"/> orders them, 1 the gravest.
/// </summary>
public sealed record SeverityLevel(string Name, string Description, TimeSpan ExpectedResponse, IReadOnlyList<string> LabelValues, int Rank);
