using Portal.Domain.Access;
using Microsoft.Extensions.Logging;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Metrics;

namespace Portal.Infrastructure.Publishing;

internal sealed partial class Publisher
{
    public async Task<IReadOnlyList<TargetDrift>> DriftAsync(CancellationToken ct)
    {
        var targets = await TargetsAsync(ct);
        var state = await releases.StateAsync(targets, ct);
        var drifts = new List<TargetDrift>();
        foreach (var (target, holding) in targets.Zip(state.Holdings))
        {
            var drift = Drift(target, holding);
            PortalMetrics.RulesDrift.WithLabels(target.Name).Set(drift.HasDrift ? 1 : 0);
            drifts.Add(drift);
        }

        return drifts;
    }

    public async Task<TargetResult> OverwriteDriftAsync(string targetName, Caller caller, CancellationToken ct)
    {
        await guard.DemandAsync(caller, PortalAction.Publish, "release.overwrite-drift", targetName);
        var target = (await TargetsAsync(ct)).FirstOrDefault(t => t.Name == targetName) ?? throw new PublishingException($"There is no publish target \"{targetName}\".") { NotFound = true };
        return await UnderLockAsync(async () =>
        {
            var holding = (await releases.StateAsync([target], ct)).Holdings.Single();
            if (holding.Files.Count == 0)
            {
                throw new PublishingException($"Nothing was ever published to {target.Name}.");
            }

            // The verified files go back over the hand edits; should they not verify, the same files are what is restored.
            var writes = holding.Files.Values.Where(h => !h.OnDisk).Select(h => new NamespaceWrite(h.Namespace, h.Team, h.File, h.File)).ToList();
            log.LogInformation("{Actor} overwrites hand edits of {Count} files on {Target}", caller.Name, writes.Count, target.Name);
            var result = await deployer.DeployAsync(target, new TargetWrites(target.Name, writes), ct);
            result = result with { Detail = $"Hand edits overwritten by {caller.Name}. {result.Detail}" };
            await DriftAsync(ct);
            await AuditAsync(caller, "release.overwrite-drift", target.Name, new { files = writes.Select(w => w.File!.FileName), outcome = result.Outcome.ToString(), result.Detail });
            return result;
        }, ct);
    }

    private static TargetDrift Drift(PublishTargetOptions target, TargetHolding holding)
    {
        var release = holding.Files.Count == 0 ? (long?)null : holding.Files.Values.Max(h => h.Release);
        var files = holding.Files.Values.OrderBy(h => h.Namespace, StringComparer.Ordinal).ToList();
        if (!Directory.Exists(target.RulesDirectory))
        {
            return new TargetDrift(target.Name, release, files.Select(h => new DriftedFile(TargetDeployer.OnDisk(target, h.File), h.Namespace, DriftKind.Missing, null)).ToList(), []);
        }

        var drifted = new List<DriftedFile>();
        foreach (var held in files.Where(h => !h.OnDisk))
        {
            var name = TargetDeployer.OnDisk(target, held.File);
            var path = Path.Combine(target.RulesDirectory, name);
            drifted.Add(File.Exists(path)
                ? new DriftedFile(name, held.Namespace, DriftKind.Modified, File.ReadAllText(path))
                : new DriftedFile(name, held.Namespace, DriftKind.Missing, null));
        }

        var ours = files.Select(h => TargetDeployer.OnDisk(target, h.File)).ToHashSet(StringComparer.Ordinal);
        var foreign = Directory.EnumerateFiles(target.RulesDirectory, "*" + ReleaseFiles.Extension)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !ours.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new TargetDrift(target.Name, release, drifted, foreign);
    }
}
