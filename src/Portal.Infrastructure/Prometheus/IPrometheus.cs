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

    /// <summary>A range query as planned by <see cref="Portal.Domain.Queries.RangePlan"/>; series beyond the limit are cut and counted.</summary>
    Task<RangeResult> QueryRangeAsync(string query, Portal.Domain.Queries.RangePlan plan, int maxSeries, CancellationToken ct);

    Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(IReadOnlyList<string> match, DateTimeOffset start, DateTimeOffset end, CancellationToken ct);

    Task<IReadOnlyList<string>> LabelValuesAsync(string label, CancellationToken ct);

    /// <summary>The rule groups Prometheus has loaded, with the file each came from.</summary>
    Task<IReadOnlyList<LoadedRuleGroup>> RulesAsync(CancellationToken ct);

    Task<IReadOnlyList<ActiveAlert>> AlertsAsync(CancellationToken ct);

    Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken ct);

    Task<RuntimeInfo> RuntimeInfoAsync(CancellationToken ct);

    /// <summary>Asks Prometheus to re-read its configuration and rule files (needs --web.enable-lifecycle).</summary>
    Task ReloadAsync(CancellationToken ct);
}
