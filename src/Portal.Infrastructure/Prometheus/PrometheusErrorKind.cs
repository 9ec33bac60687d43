namespace Portal.Infrastructure.Prometheus;

public enum PrometheusErrorKind
{
    /// <summary>Prometheus rejected the request, typically a PromQL syntax or type error.</summary>
    BadData,
    /// <summary>The query ran but failed (for example it hit a server-side limit).</summary>
    Execution,
    Timeout,
    /// <summary>Nothing answered, or something that is not Prometheus answered.</summary>
    Unavailable,
    /// <summary>The answer passed one of the portal's read limits and was cut off; the query must be narrowed.</summary>
    TooLarge,
}
