using Portal.Domain.Health;

namespace Portal.Infrastructure.Health;

/// <summary>Everything the Health page shows, as <c>GET /api/v1/status</c> serves it.</summary>
/// <param name="Overall">The portal's state from its dependencies alone (as <c>/health</c> says it).</param>
public sealed record StatusReport(
    DateTimeOffset At,
    HealthState Overall,
    IReadOnlyList<ComponentHealth> Dependencies,
    IReadOnlyList<PrometheusServerStatus> Servers,
    PromtoolStatus Promtool,
    Bounded<TargetJob> Targets,
    Bounded<FailingRule> FailingRules,
    Bounded<GroupTiming> SlowestGroups)
{
    /// <summary>The servers that could not be read this time; their targets and rules are the last ones read, if any.</summary>
    public IEnumerable<PrometheusServerStatus> Unreachable => Servers.Where(s => s.Problem is not null);
}

/// <summary>
/// One Prometheus server the portal knows: the one it queries and every publish target (one entry per URL).
/// </summary>
/// <param name="Names">The publish targets with this URL, and <c>queries</c> when it is the one the portal queries.</param>
/// <param name="ReloadSuccessful">Its <c>prometheus_config_last_reload_successful</c>; null when it could not be read.</param>
/// <param name="RulesDirectory">Where the portal writes this server's rule files; null when it is no publish target.</param>
/// <param name="RulesDirectoryWritable">Null when not checked (no publish target, or outside the allowed roots).</param>
/// <param name="Problem">Why the server could not be read this time; null when it answered.</param>
/// <param name="DataAt">When the targets and rules shown were read: now, or the last time the server answered.</param>
public sealed record PrometheusServerStatus(
    string Name,
    IReadOnlyList<string> Names,
    Uri Url,
    string? Version,
    bool? ReloadSuccessful,
    string? RulesDirectory,
    bool? RulesDirectoryWritable,
    string? RulesDirectoryProblem,
    string? Problem,
    DateTimeOffset? DataAt);

/// <summary>The promtool the portal validates with: where it is and which version; <see cref="Problem"/> when it cannot run.</summary>
public sealed record PromtoolStatus(string Configured, string? Path, string? Version, string? Problem)
{
    public bool Found => Problem is null;
}

/// <summary>Gathers the Health page's data: shared by the page and the API so both say the same.</summary>
public interface IStatusReporter
{
    Task<StatusReport> ReportAsync(CancellationToken ct);
}
