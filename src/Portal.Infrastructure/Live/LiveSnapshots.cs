using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Domain.Live;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Live;

/// <summary>
/// Reads each target's /api/v1/rules at most once per <see cref="LiveOptions.CacheFor"/> (one read in flight per
/// target, shared by every caller), and the database side once per the same window.
/// </summary>
internal sealed class LiveSnapshots(
    IPublishTargets targets,
    IDbContextFactory<PortalDbContext> factory,
    IHttpClientFactory http,
    IOptions<PrometheusOptions> prometheusOptions,
    IOptionsMonitor<LiveOptions> options,
    TimeProvider clock)
{
    public const string ClientName = "live";

    private readonly Dictionary<string, Cached<TargetSnapshot>> _targets = new(StringComparer.Ordinal);
    private readonly object _basisLock = new();
    private Cached<LiveBasis>? _basis;

    private sealed record Cached<T>(Task<T> Task, DateTimeOffset At);

    public async Task<LiveBasis> BasisAsync(CancellationToken ct, bool fresh = false)
    {
        Cached<LiveBasis> cached;
        lock (_basisLock)
        {
            var now = clock.GetUtcNow();
            if (fresh || _basis is null || now - _basis.At >= options.CurrentValue.CacheFor || _basis.Task.IsFaulted || _basis.Task.IsCanceled)
            {
                // Not the caller's token: the read is shared, and one caller leaving must not fail the others.
                _basis = new Cached<LiveBasis>(ReadBasisAsync(CancellationToken.None), now);
            }

            cached = _basis;
        }

        return await cached.Task.WaitAsync(ct);
    }

    public async Task<IReadOnlyList<TargetSnapshot>> TargetsAsync(LiveBasis basis, CancellationToken ct)
    {
        var reads = basis.Targets.Select(target =>
        {
            Cached<TargetSnapshot> cached;
            lock (_targets)
            {
                var now = clock.GetUtcNow();
                if (!_targets.TryGetValue(target.Name, out cached!) || now - cached.At >= options.CurrentValue.CacheFor)
                {
                    cached = _targets[target.Name] = new Cached<TargetSnapshot>(ReadTargetAsync(target, basis.Files.GetValueOrDefault(target.Name) ?? []), now);
                }
            }

            return cached.Task.WaitAsync(ct);
        });
        return await Task.WhenAll(reads);
    }

    private async Task<TargetSnapshot> ReadTargetAsync(PublishTarget target, IReadOnlyList<PublishedFile> files)
    {
        using var timeout = new CancellationTokenSource(options.CurrentValue.TargetTimeout);
        try
        {
            var client = http.CreateClient(ClientName);
            client.BaseAddress = target.Url.ToString().EndsWith('/') ? target.Url : new Uri(target.Url + "/");
            var prometheus = new PrometheusClient(client, prometheusOptions);
            var groups = await prometheus.RulesAsync(timeout.Token);
            return new TargetSnapshot(target.Name, null, LiveMatching.Match(target.Name, groups.Select(Evaluated).ToList(), files), clock.GetUtcNow());
        }
        catch (PrometheusException e)
        {
            return new TargetSnapshot(target.Name, e.Message, [], clock.GetUtcNow());
        }
        catch (OperationCanceledException)
        {
            return new TargetSnapshot(target.Name,
                $"{target.Url} did not answer within {options.CurrentValue.TargetTimeout.TotalSeconds:0.#} s.", [], clock.GetUtcNow());
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return new TargetSnapshot(target.Name, $"{target.Url} answered in a shape the portal cannot read: {e.Message}", [], clock.GetUtcNow());
        }
    }

    internal static EvaluatedGroup Evaluated(LoadedRuleGroup group) => new(group.Name, group.File, group.Rules.Select(Evaluated).ToList());

    internal static EvaluatedRule Evaluated(LoadedRule rule) => new(
        rule.Name,
        rule.Type == "alerting" ? RuleKind.Alerting : RuleKind.Recording,
        rule.Query,
        StateOf(rule.State),
        rule.Health,
        rule.LastError,
        rule.LastEvaluation,
        rule.EvaluationSeconds,
        rule.Alerts.Select(a => new LiveSeries(a.Labels, a.Annotations, StateOf(a.State), a.ActiveAt, PrometheusClient.ParseValue(a.Value))).ToList(),
        rule.AlertCount);

    private static LiveState StateOf(string state) => state switch
    {
        "firing" => LiveState.Firing,
        "pending" => LiveState.Pending,
        _ => LiveState.Inactive,
    };

    private async Task<LiveBasis> ReadBasisAsync(CancellationToken ct)
    {
        var list = (await targets.ListAsync(ct)).Where(t => !t.OutsideAllowedRoots).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var names = list.Select(t => t.Name).ToList();
        var held = await db.TargetFiles.AsNoTracking().Where(f => names.Contains(f.Target))
            .Select(f => new { f.Target, f.Namespace, f.Team, f.FileName, f.Release, f.VerifiedAt })
            .ToListAsync(ct);
        var files = list.ToDictionary(t => t.Name, t => (IReadOnlyList<PublishedFile>)held.Where(f => f.Target == t.Name)
            .Select(f => new PublishedFile(f.Namespace, f.Team, t.FilePrefix + f.FileName, f.Release, f.VerifiedAt)).ToList(), StringComparer.Ordinal);

        // Deleted rules and deleted namespaces are not the portal's any more; their alerts show as unmanaged until the next publish.
        var rows = await db.Rules.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.Group.Namespace.DeletedAt == null)
            .OrderBy(r => r.Group.Namespace.Name).ThenBy(r => r.Group.Position).ThenBy(r => r.Position)
            .Select(r => new { r.Id, Namespace = r.Group.Namespace.Name, Group = r.Group.Name, r.Name, r.Kind, r.Group.Namespace.Team, r.Severity, r.Annotations, r.Enabled })
            .ToListAsync(ct);
        var rules = rows.Select(r => new CatalogRule(r.Id, r.Namespace, r.Group, r.Name, r.Kind, r.Team, r.Severity,
            r.Annotations.GetValueOrDefault("runbook_url"), r.Enabled)).ToList();
        var index = LiveMatching.Index(rules);
        var keys = index.ToDictionary(p => p.Value.Id, p => p.Key);
        return new LiveBasis(list, files, rules, index, keys, clock.GetUtcNow());
    }
}
