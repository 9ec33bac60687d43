using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Portal.Domain.Health;
using Portal.Domain.Live;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Health;

/// <summary>
/// Reads the portal's dependencies, promtool and every Prometheus server it knows (the one it queries and each publish
/// target), all at once and each call with its own timeout. A server that does not answer keeps its last targets and
/// rules, dated, so the page can say "as of 2 min ago" instead of going blank.
/// </summary>
internal sealed partial class StatusReporter(
    HealthCheckService health,
    IPublishTargets publishTargets,
    LiveSnapshots live,
    PromtoolProbe promtool,
    IHttpClientFactory http,
    IOptions<PrometheusOptions> prometheusOptions,
    IOptions<PublishingOptions> publishingOptions,
    IOptionsMonitor<StatusOptions> options,
    TimeProvider clock) : IStatusReporter
{
    public const string ClientName = "status";
    public const string QueryServerName = "queries";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServerData> _lastGood = new(StringComparer.Ordinal);

    /// <summary>What one server answered, kept as the last good data for when it stops answering.</summary>
    private sealed record ServerData(IReadOnlyList<ScrapeTarget> Targets, IReadOnlyList<LoadedRuleGroup> Groups, DateTimeOffset At);

    private sealed record Server(string Name, IReadOnlyList<string> Names, Uri Url, PublishTarget? Target);

    private sealed record ServerRead(PrometheusServerStatus Status, ServerData? Data, Server Server);

    /// <summary>
    /// Open Health tabs and API callers asking at the same moment share one read (and its answer for a couple of
    /// seconds), so a hundred open tabs cost the servers what one does.
    /// </summary>
    private static readonly TimeSpan ShareFor = TimeSpan.FromSeconds(2);

    private (Task<StatusReport> Read, DateTimeOffset At)? _shared;

    public Task<StatusReport> ReportAsync(CancellationToken ct)
    {
        Task<StatusReport> read;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_shared is not { } shared || now - shared.At >= ShareFor || shared.Read.IsFaulted || shared.Read.IsCanceled)
            {
                // Not the caller's token: the read is shared, and every call inside it is bounded on its own.
                _shared = (ReadBoundedAsync(), now);
            }

            read = _shared.Value.Read;
        }

        return read.WaitAsync(ct);
    }

    /// <summary>The database side has no timeout of its own short of Npgsql's; the whole read gets one.</summary>
    private async Task<StatusReport> ReadBoundedAsync()
    {
        using var overall = new CancellationTokenSource(options.CurrentValue.PrometheusTimeout * 4 + TimeSpan.FromSeconds(10));
        return await ReadAsync(overall.Token);
    }

    private async Task<StatusReport> ReadAsync(CancellationToken ct)
    {
        var dependencies = health.CheckHealthAsync(ct);
        var tool = promtool.GetAsync(ct);
        var basis = BasisAsync(ct);
        var servers = await ServersAsync(ct);
        var reads = await Task.WhenAll(servers.Select(s => ReadServerAsync(s, ct)));
        var components = HealthComponents.From(await dependencies);
        var settings = options.CurrentValue;

        var targets = reads
            .Where(r => r.Data is not null)
            .SelectMany(r => r.Data!.Targets.Select(t => new ScrapeTargetView(r.Server.Name, t.Job, t.Instance, t.ScrapePool, t.Health, t.LastScrape, t.LastScrapeSeconds, t.LastError)));
        var index = await basis;
        var failing = new List<FailingRule>();
        var timings = new List<GroupTiming>();
        foreach (var read in reads.Where(r => r.Data is not null))
        {
            failing.AddRange(FailingRules(read.Server.Name, read.Server.Target, read.Data!.Groups, index));
            timings.AddRange(read.Data.Groups
                .Where(g => g.EvaluationSeconds is not null)
                .Select(g => new GroupTiming(read.Server.Name, g.Name, g.File,
                    g.IntervalSeconds > 0 ? g.IntervalSeconds : prometheusOptions.Value.EvaluationInterval.TotalSeconds,
                    g.EvaluationSeconds!.Value, g.LastEvaluation)));
        }

        return new StatusReport(
            clock.GetUtcNow(),
            HealthPolicy.Overall(components),
            components,
            reads.Select(r => r.Status).ToList(),
            await tool,
            HealthBoard.GroupTargets(targets, settings.MaxTargets),
            HealthBoard.Failing(failing, settings.MaxFailingRules),
            HealthBoard.SlowestGroups(timings, settings.SlowestGroups));
    }

    /// <summary>The query server and every publish target, one entry per URL (the query server is usually a target too).</summary>
    private async Task<IReadOnlyList<Server>> ServersAsync(CancellationToken ct)
    {
        IReadOnlyList<PublishTarget> targets;
        try
        {
            targets = await publishTargets.ListAsync(ct);
        }
        catch (DbException)
        {
            // Without the database only the configured targets are known; the dependency card says why.
            targets = publishingOptions.Value.Targets
                .Where(t => t.Url is not null && t.Name.Length > 0)
                .Select(t => new PublishTarget(t.Name, t.Url!, t.RulesDirectory, t.FilePrefix, TargetSource.Configuration))
                .ToList();
        }

        var servers = new List<Server>();
        var queryUrl = prometheusOptions.Value.Url;
        foreach (var byUrl in targets.GroupBy(t => Normal(t.Url)))
        {
            var names = byUrl.Select(t => t.Name).ToList();
            if (Normal(queryUrl) == byUrl.Key)
            {
                names.Add(QueryServerName);
            }

            servers.Add(new Server(names[0], names, byUrl.First().Url, byUrl.First()));
        }

        if (servers.All(s => Normal(s.Url) != Normal(queryUrl)))
        {
            servers.Insert(0, new Server(QueryServerName, [QueryServerName], queryUrl, null));
        }

        return servers;
    }

    private static string Normal(Uri url) => url.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private async Task<LiveBasis?> BasisAsync(CancellationToken ct)
    {
        try
        {
            return await live.BasisAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            // The failing rules are still listed, only without links to the catalog.
            return null;
        }
    }
}
