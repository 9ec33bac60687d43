namespace Portal.Domain.Live;

/// <summary>What Prometheus says of a rule or one of its series, ordered by how much it asks for attention.</summary>
public enum LiveState
{
    /// <summary>No target reports an evaluation: not published, not loaded yet, never evaluated, or every target is down.</summary>
    NoData,
    /// <summary>Evaluated; no series meets the condition (or, for a recording rule, evaluated without error).</summary>
    Inactive,
    Pending,
    Firing,
}
