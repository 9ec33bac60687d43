using Portal.Domain.RuleFiles;

namespace Portal.Domain.Publishing;

/// <summary>
/// Decides what a publish does (decision 0025): per namespace, compare what the catalog wants with what
/// every target verifiably holds (files on disk included); namespaces with problems, awaiting review or
/// outside the chosen scope keep what the targets hold; the rest is written where it is not level.
/// </summary>
public static class PublishPlanner
{
    public static PlannedRelease Plan(IReadOnlyList<NamespaceSource> sources, IReadOnlyList<TargetHolding> targets, PlanRequest request,
        Func<ReleaseFile, RuleFile> parse)
    {
        var wanted = sources.ToDictionary(s => s.Namespace, StringComparer.Ordinal);
        var held = targets.SelectMany(t => t.Files.Values).GroupBy(h => h.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var names = wanted.Keys.Concat(held.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var unknown = request.Chosen?.Where(n => !wanted.ContainsKey(n) && !held.ContainsKey(n)).Order(StringComparer.Ordinal).ToList() ?? [];
        var plans = new List<NamespacePlan>(names.Count);
        var scope = new List<string>();
        var othersReverted = new List<string>();
        var files = new List<ReleaseFile>();
        var before = new Dictionary<string, RuleFile>(StringComparer.Ordinal);
        var after = new Dictionary<string, RuleFile>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var source = wanted.GetValueOrDefault(name);
            var team = source?.Team ?? held[name].Team;
            var desired = source?.File;
            var behind = targets.Where(t => !Level(desired, t.Files.GetValueOrDefault(name))).ToList();
            var status = behind.Count == 0 ? NamespaceStatus.Unchanged
                : desired is null ? NamespaceStatus.Removed
                : targets.All(t => !t.Files.ContainsKey(name)) ? NamespaceStatus.Added
                : NamespaceStatus.Changed;
            var baseline = (behind.FirstOrDefault() ?? targets.FirstOrDefault())?.Files.GetValueOrDefault(name)?.File;

            var inScope = false;
            if (status != NamespaceStatus.Unchanged)
            {
                var chosen = request.Chosen?.Contains(name)
                    ?? (request.CallerTeams.Count == 0 || request.CallerTeams.Contains(team));
                status = source is { Problems.Count: > 0 } ? NamespaceStatus.HeldBack
                    : source is { AwaitingReview: true } ? NamespaceStatus.AwaitingReview
                    : !chosen ? NamespaceStatus.NotInRelease
                    : status;
                inScope = status is NamespaceStatus.Added or NamespaceStatus.Changed or NamespaceStatus.Removed;
                if (!chosen && request.Rollback)
                {
                    othersReverted.Add(name);
                }
            }

            var pending = 0;
            if (inScope)
            {
                scope.Add(name);
                if (baseline is not null)
                {
                    before[name] = parse(baseline);
                }

                if (desired is not null)
                {
                    after[name] = parse(desired);
                }
            }
            else if (status is not NamespaceStatus.Unchanged && desired is not null)
            {
                pending = ReleaseDiff.Between(
                    baseline is null ? new Dictionary<string, RuleFile>() : new() { [name] = parse(baseline) },
                    new Dictionary<string, RuleFile> { [name] = parse(desired) }).Count;
            }

            var kept = inScope ? desired : status == NamespaceStatus.Unchanged ? HeldCopy(desired, targets, name) : baseline;
            if (kept is not null)
            {
                files.Add(kept);
            }

            plans.Add(new NamespacePlan(name, desired?.FileName ?? baseline?.FileName ?? ReleaseFiles.FileName(name), status,
                source?.Rules ?? 0, source?.Problems ?? [], source?.Warnings ?? [], team, pending));
        }

        var inRelease = scope.ToHashSet(StringComparer.Ordinal);
        var writes = targets.Select(t => new TargetWrites(t.Target, names
                .Where(inRelease.Contains)
                .Where(n => !Level(wanted.GetValueOrDefault(n)?.File, t.Files.GetValueOrDefault(n)))
                .Select(n => new NamespaceWrite(n, wanted.GetValueOrDefault(n)?.Team ?? held[n].Team, wanted.GetValueOrDefault(n)?.File, t.Files.GetValueOrDefault(n)?.File))
                .ToList()))
            .ToList();
        return new PlannedRelease(plans, scope, files, ReleaseDiff.Between(before, after), writes, unknown, othersReverted);
    }

    /// <summary>
    /// The catalog's file for a namespace, or the bytes a target already holds when the rules are the same
    /// (a file's header names the release that wrote it: an unchanged namespace keeps its file untouched).
    /// </summary>
    public static ReleaseFile Reuse(ReleaseFile rendered, IEnumerable<TargetHolding> targets) =>
        targets.Select(t => t.Files.GetValueOrDefault(rendered.Namespace)?.File)
            .FirstOrDefault(f => f is not null && SameRules(f, rendered)) ?? rendered;

    /// <summary>The same rules, whatever release wrote the header.</summary>
    public static bool SameRules(ReleaseFile a, ReleaseFile b) =>
        a.Checksum == b.Checksum || ReleaseFiles.WithoutHeader(a.Content) == ReleaseFiles.WithoutHeader(b.Content);

    /// <summary>A target is level for a namespace when it verifiably holds the wanted bytes on disk, or holds nothing and nothing is wanted.</summary>
    private static bool Level(ReleaseFile? desired, HeldFile? held) =>
        desired is null ? held is null : held is { OnDisk: true } && SameRules(held.File, desired);

    private static ReleaseFile? HeldCopy(ReleaseFile? desired, IReadOnlyList<TargetHolding> targets, string name) =>
        desired ?? targets.Select(t => t.Files.GetValueOrDefault(name)?.File).FirstOrDefault(f => f is not null);
}
