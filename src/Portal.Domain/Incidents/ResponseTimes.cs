namespace Portal.Domain.Incidents;

/// <summary>
/// How long it took from the start of an incident to the first acknowledged, mitigated and resolved entries of its
/// timeline (null while there is none), and whether acknowledging met the severity's expected response time.
/// </summary>
public sealed record ResponseTimes(TimeSpan? ToAcknowledge, TimeSpan? ToMitigate, TimeSpan? ToResolve, TimeSpan? Expected)
{
    /// <summary>True when acknowledged within the expected time; false when later; null when either is unknown.</summary>
    public bool? MetExpectation => ToAcknowledge is { } ack && Expected is { } expected ? ack <= expected : null;
}
