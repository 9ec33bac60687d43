using Portal.Domain.Access;
using Microsoft.Extensions.Logging;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Metrics;

namespace Portal.Infrastructure.Publishing;

internal sealed partial class Publisher
{
    public async Task<IReadOnlyList<TargetDrift>> DriftAsync(CancellationToken ct)
    {
        var drifts = new List<TargetDrift>();
        foreach (var target in await TargetsAsync(ct))
        {
            var onDisk = await releases.OnDiskAsync(target.Name, ct);
            var drift = Drift(target, onDisk?.Number, onDisk?.Files ?? []);
            PortalMetrics.RulesDrift.WithLabels(target.Name).Set(drift.HasDrift ? 1 : 0);
            drifts.Add(drift);
        }

        return drifts;
    }

    public async Task<TargetResult> OverwriteDriftAsync(string targetName, Caller caller, CancellationToken ct)
    {
        await guard.DemandAsync(caller, PortalAction.Publish, "release.overwrite-drift", targetName);
        var target = (await TargetsAsync(ct)).FirstOrDefault(t => t.Name == targetName) ?? throw new KeyNotFoundException($"There is no publish target \"{targetName}\".");
        return await UnderLockAsync(async () =>
        {
            var onDisk = await releases.OnDiskAsync(target.Name, ct) ?? throw new InvalidOperationException($"Nothing was ever published to {target.Name}.");
            log.LogInformation("{Actor} overwrites hand edits on {Target} with release {Release}", caller.Name, target.Name, onDisk.Number);
            var result = await deployer.DeployAsync(target, onDisk.Number, onDisk.Files, ct);
            await releases.RecordAsync(onDisk.Number, result with { Detail = $"Hand edits overwritten by {caller.Name}. {result.Detail}" }, attempts: 1, CancellationToken.None);
            await DriftAsync(ct);
            await AuditAsync(caller, "release.overwrite-drift", $"release {onDisk.Number}", new { target = target.Name, outcome = result.Outcome.ToString(), result.Detail });
            return result;
        }, ct);
    }

    private static TargetDrift Drift(PublishTargetOptions target, long? release, IReadOnlyList<ReleaseFile> files)
    {
        if (!Directory.Exists(target.RulesDirectory))
        {
            return new TargetDrift(target.Name, release, files.Select(f => new DriftedFile(TargetDeployer.OnDisk(target, f), f.Namespace, DriftKind.Missing, null)).ToList(), []);
        }

        var drifted = new List<DriftedFile>();
        foreach (var file in files)
        {
            var name = TargetDeployer.OnDisk(target, file);
            var path = Path.Combine(target.RulesDirectory, name);
            if (!File.Exists(path))
            {
                drifted.Add(new DriftedFile(name, file.Namespace, DriftKind.Missing, null));
            }
            else if (File.ReadAllText(path) is var live && live != file.Content)
            {
                drifted.Add(new DriftedFile(name, file.Namespace, DriftKind.Modified, live));
            }
        }

        var foreign = Directory.EnumerateFiles(target.RulesDirectory, "*" + ReleaseFiles.Extension)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => files.All(f => TargetDeployer.OnDisk(target, f) != name))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new TargetDrift(target.Name, release, drifted, foreign);
    }
}
