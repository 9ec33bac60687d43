using Portal.Domain.RuleFiles;

namespace Portal.Domain.Publishing;

/// <summary>
/// One namespace as the catalog has it now. <see cref="File"/> is null when the namespace has no enabled
/// rules left (or was deleted or archived): its file goes.
/// </summary>
/// <param name="Problems">Lint errors and promtool's findings: the namespace is held back.</param>
/// <param name="AwaitingReview">The namespace needs review and this content is not approved.</param>
public sealed record NamespaceSource(
    string Namespace,
    string Team,
    ReleaseFile? File,
    int Rules,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Warnings,
    bool AwaitingReview = false);

/// <summary>A file a target holds for a namespace, verified loaded by release <see cref="Release"/>.</summary>
/// <param name="OnDisk">The directory still holds exactly these bytes (false: edited or deleted by hand).</param>
public sealed record HeldFile(string Namespace, string Team, ReleaseFile File, long Release, bool OnDisk);

/// <summary>What one target holds, namespace by namespace.</summary>
public sealed record TargetHolding(string Target, IReadOnlyDictionary<string, HeldFile> Files);

/// <param name="Chosen">The namespaces the caller chose; null for the default (their teams' changes).</param>
/// <param name="CallerTeams">The caller's teams; a caller without one (an Admin's token, the portal itself) takes every change by default.</param>
/// <param name="Rollback">A rollback: namespaces of other teams it would revert are listed, and taken only when chosen.</param>
public sealed record PlanRequest(IReadOnlySet<string>? Chosen, IReadOnlySet<string> CallerTeams, bool Rollback = false);

/// <summary>One namespace to change on one target: write <see cref="File"/> (null: remove the file); <see cref="Previous"/> is restored if it does not verify.</summary>
public sealed record NamespaceWrite(string Namespace, string Team, ReleaseFile? File, ReleaseFile? Previous);

/// <summary>Everything a release changes on one target (namespaces already level there are left alone).</summary>
public sealed record TargetWrites(string Target, IReadOnlyList<NamespaceWrite> Writes);

/// <param name="Namespaces">Every namespace with its status, problems first.</param>
/// <param name="Scope">The namespaces this release changes.</param>
/// <param name="Files">The whole rule set as it stands after the release (what a later rollback to it restores).</param>
/// <param name="Changes">Per-rule changes of the namespaces in scope, against what the targets hold.</param>
/// <param name="Unknown">Chosen names that are no namespace the portal knows.</param>
/// <param name="OthersReverted">For a rollback: other teams' namespaces it would also revert, left out until chosen.</param>
public sealed record PlannedRelease(
    IReadOnlyList<NamespacePlan> Namespaces,
    IReadOnlyList<string> Scope,
    IReadOnlyList<ReleaseFile> Files,
    IReadOnlyList<RuleChange> Changes,
    IReadOnlyList<TargetWrites> Writes,
    IReadOnlyList<string> Unknown,
    IReadOnlyList<string> OthersReverted)
{
    public bool NothingToPublish => Scope.Count == 0;

    /// <summary>After this release no target would hold any rule the portal manages.</summary>
    public bool LeavesNoRules => Files.Count == 0 && !NothingToPublish;
}

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
