using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Metrics;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Keeps publishing honest between publishes: retries the reload of targets left "pending reload" (with
/// backoff, until Prometheus answers and shows the rules), and measures drift for the
/// <c>portal_rules_drift</c> gauge and the health page.
/// </summary>
internal sealed class PublishingMonitor(
    ReleaseStore releases,
    TargetDeployer deployer,
    IPublisher publisher,
    IPublishTargets targets,
    IOptions<PublishingOptions> options,
    TimeProvider clock,
    ILogger<PublishingMonitor> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await RetryPendingAsync(stoppingToken);
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

            var previous = await PreviousOnTargetAsync(target.Name, pending.ReleaseNumber, ct);
            var result = await deployer.ReloadAndVerifyAsync(target, detail.Files, previous?.Files ?? [], previous?.Number, ct);
            await releases.RecordAsync(pending.ReleaseNumber, result, pending.Attempts + 1, ct);
            if (result.Outcome != TargetOutcome.PendingReload)
            {
                log.LogInformation("Release {Release} on {Target}: {Outcome} after {Attempts} reload attempts", pending.ReleaseNumber, target.Name, result.Outcome, pending.Attempts + 1);
                PortalMetrics.Publishes.WithLabels(result.Outcome == TargetOutcome.Live ? "success" : "rolled_back").Inc();
            }
        }
    }

    private async Task<(long Number, IReadOnlyList<Domain.Publishing.ReleaseFile> Files)?> PreviousOnTargetAsync(string target, long before, CancellationToken ct)
    {
        var list = await releases.ListAsync(0, 200, ct);
        var previous = list.Where(r => r.Number < before && r.Targets.Any(t => t.Target == target && t.Outcome == TargetOutcome.Live))
            .Select(r => (long?)r.Number).FirstOrDefault();
        return previous is { } n && await releases.GetAsync(n, ct) is { } detail ? (n, detail.Files) : null;
    }

    private TimeSpan Backoff(int attempts)
    {
        var wait = options.Value.RetryFirst * Math.Pow(2, Math.Max(0, attempts - 1));
        return wait < options.Value.RetryMax ? wait : options.Value.RetryMax;
    }
}
