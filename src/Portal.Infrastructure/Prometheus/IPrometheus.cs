namespace Portal.Infrastructure.Prometheus;

/// <summary>The parts of Prometheus' HTTP API the portal uses, with typed results and typed errors.</summary>
public interface IPrometheus
{
    /// <summary>The server this client talks to, shown to users so they know where data comes from.</summary>
    Uri BaseAddress { get; }

    Task<PrometheusBuildInfo> BuildInfoAsync(CancellationToken ct);

    Task<IReadOnlyList<InstantSample>> QueryAsync(string query, DateTimeOffset? at, CancellationToken ct);

    /// <summary>Each metric's type as its exporters declare it (counter, gauge, histogram, summary).</summary>
    Task<IReadOnlyDictionary<string, string>> MetricTypesAsync(CancellationToken ct);
}

public sealed record PrometheusBuildInfo(string Version, string Revision);

/// <summary>One series of an instant-vector result.</summary>
public sealed record InstantSample(IReadOnlyDictionary<string, string> Labels, DateTimeOffset At, double Value);

public enum PrometheusErrorKind
{
    /// <summary>Prometheus rejected the request, typically a PromQL syntax or type error.</summary>
    BadData,
    /// <summary>The query ran but failed (for example it hit a server-side limit).</summary>
    Execution,
    Timeout,
    /// <summary>Nothing answered, or something that is not Prometheus answered.</summary>
    Unavailable,
}

public sealed class PrometheusException(PrometheusErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public PrometheusErrorKind Kind { get; } = kind;
}

public sealed class PrometheusOptions
{
    public const string Section = "Prometheus";

    public Uri Url { get; set; } = new("http://127.0.0.1:59090");

    /// <summary>Upper bound for one HTTP attempt; a query slower than this is reported as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
