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

/// <summary>One series of a range result: its labels and (time, value) samples in time order.</summary>
public sealed record RangeSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset At, double Value)> Samples);

public sealed record RangeResult(IReadOnlyList<RangeSeries> Series, int TotalSeries)
{
    /// <summary>How many series were cut to stay under the series limit; the user is told.</summary>
    public int CutSeries => TotalSeries - Series.Count;
}

public sealed record LoadedRule(string Name, string Query, string Type, string Health, string? LastError, double? DurationSeconds)
{
    /// <summary>An alerting rule's state (<c>inactive</c>, <c>pending</c>, <c>firing</c>); empty for recording rules.</summary>
    public string State { get; init; } = "";

    /// <summary>Null until the target has evaluated the rule (Prometheus reports year 1 then).</summary>
    public DateTimeOffset? LastEvaluation { get; init; }

    public double? EvaluationSeconds { get; init; }

    /// <summary>The rule's pending and firing series, cut at <see cref="PrometheusOptions.MaxAlertsPerRule"/>.</summary>
    public IReadOnlyList<ActiveAlert> Alerts { get; init; } = [];

    /// <summary>How many series Prometheus reported, the cut ones included.</summary>
    public int AlertCount { get; init; }
}

public sealed record LoadedRuleGroup(string Name, string File, double IntervalSeconds, IReadOnlyList<LoadedRule> Rules);

public sealed record ActiveAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string State, DateTimeOffset? ActiveAt, string Value);

public sealed record ScrapeTarget(string Job, string Instance, string Health, string? LastError, DateTimeOffset? LastScrape);

public sealed record RuntimeInfo(bool ReloadConfigSuccess, DateTimeOffset LastConfigTime, DateTimeOffset StartTime);

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
    /// <summary>The answer passed one of the portal's read limits and was cut off; the query must be narrowed.</summary>
    TooLarge,
}

public sealed class PrometheusException(PrometheusErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public PrometheusErrorKind Kind { get; } = kind;

    /// <summary>Where in the query a parse error is, read from Prometheus' "line:column: parse error" message.</summary>
    public Portal.Domain.PromQl.Position? Position { get; } = ReadPosition(message);

    private static Portal.Domain.PromQl.Position? ReadPosition(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"(\d+):(\d+): parse error");
        return match.Success ? new Portal.Domain.PromQl.Position(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)) : null;
    }
}

public sealed class PrometheusOptions
{
    public const string Section = "Prometheus";

    public Uri Url { get; set; } = new("http://127.0.0.1:59090");

    /// <summary>Prometheus' global evaluation_interval, used for rule groups that set none.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound for one HTTP attempt; a query slower than this is reported as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A range answer with more series than this is refused while it is read (Prometheus 2.42's query_range has no limit).</summary>
    public int MaxRangeSeries { get; set; } = 2_000;

    /// <summary>A range answer with more samples than this (kept or cut series alike) is refused while it is read.</summary>
    public long MaxRangeSamples { get; set; } = 6_000_000;

    /// <summary>Sent as <c>limit</c> to the metadata endpoints that honour it (metadata in 2.42; series, labels and values from 2.49 on).</summary>
    public int MetadataLimit { get; set; } = 10_000;

    /// <summary>A metadata answer larger than this is cut off and refused, for the Prometheus versions that ignore <c>limit</c>.</summary>
    public int MaxMetadataBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>A /api/v1/rules answer larger than this is refused while it is read (it carries every alert of every rule).</summary>
    public int MaxRulesBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Series kept per alerting rule when /api/v1/rules is read; the rest are counted, not kept.</summary>
    public int MaxAlertsPerRule { get; set; } = 1_000;
}
