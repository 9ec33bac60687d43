using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Cluster;
using Portal.Infrastructure.Metrics;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Keeps publishing honest between publishes: retries the reload of targets left "pending reload" (with
/// backoff, until Prometheus answers and shows the rules), and measures drift for the
/// <c>portal_rules_drift</c> gauge and the health page.
/// Reload retries write (a reload, a release row, a metric of the outcome), so only the replica leading
/// <see cref="LeaderJobs.PublishingMonitor"/> makes them. Drift is measured on every replica: it only reads, and what
/// it feeds is per process (this replica's <c>portal_rules_drift</c> on its own /metrics, its health check).
/// </summary>
internal sealed class PublishingMonitor(
    ReleaseStore releases,
    TargetDeployer deployer,
    IPublisher publisher,
    IPublishTargets targets,
    IOptions<PublishingOptions> options,
    TimeProvider clock,
    ILeaderLocks leaders,
    ILogger<PublishingMonitor> log,
    IChangeFeed? changes = null) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        await using var leader = new LeaderJob(leaders, LeaderJobs.PublishingMonitor, clock, log);
        do
        {
            try
            {
                await leader.RunIfLeaderAsync(Period, RetryPendingAsync, stoppingToken);
                await publisher.DriftAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Publishing monitor round failed; trying again in {Period}", Period);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: every pending target whose backoff has passed gets a reload and a verification.</summary>
    internal async Task RetryPendingAsync(CancellationToken ct)
    {
        var known = (await targets.ListAsync(ct)).Where(t => !t.OutsideAllowedRoots).ToList();
        foreach (var pending in await releases.PendingAsync(ct))
        {
            var target = known.FirstOrDefault(t => t.Name == pending.Target)?.Options;
            if (target is null || clock.GetUtcNow() < pending.At + Backoff(pending.Attempts))
            {
                continue;
            }

            var detail = await releases.GetAsync(pending.ReleaseNumber, ct);
            if (detail is null)
            {
                continue;
            }

            // The namespaces written to this target, as the release has them; what was verified before is the fallback.
            var holding = (await releases.StateAsync([target], ct)).Holdings.Single();
            var written = detail.Summary.Targets.Single(t => t.Target == target.Name).Namespaces.Select(n => n.Namespace);
            var files = detail.Files.ToDictionary(f => f.Namespace, StringComparer.Ordinal);
            var writes = written.Select(n => new Domain.Publishing.NamespaceWrite(n,
                    holding.Files.GetValueOrDefault(n)?.Team ?? "", files.GetValueOrDefault(n), holding.Files.GetValueOrDefault(n)?.File))
                .ToList();
            var result = await deployer.ReloadAndVerifyAsync(target, writes, ct);
            await releases.RecordAsync(pending.ReleaseNumber, result, pending.Attempts + 1, writes, ct);
            if (result.Outcome != TargetOutcome.PendingReload)
            {
                log.LogInformation("Release {Release} on {Target}: {Outcome} after {Attempts} reload attempts", pending.ReleaseNumber, target.Name, result.Outcome, pending.Attempts + 1);
                PortalMetrics.Publishes.WithLabels(result.Outcome == TargetOutcome.Live ? "success" : "rolled_back").Inc();
                // Publish pages and release lists on every replica hear it, as they hear a publish.
                changes.Announce(Cluster.ChangeKinds.Release, pending.ReleaseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "publishing monitor", detail: $"{target.Name}: {result.Outcome} after {pending.Attempts + 1} reload attempts");
            }
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var wait = options.Value.RetryFirst * Math.Pow(2, Math.Max(0, attempts - 1));
        return wait < options.Value.RetryMax ? wait : options.Value.RetryMax;
    }
}
