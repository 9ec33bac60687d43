using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Lint;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Publishing;

internal sealed partial class Publisher
{
    /// <summary>
    /// Reads what the targets verifiably hold and what the catalog (or, for a rollback, an old release)
    /// wants; validates only what would be written; and lets <see cref="PublishPlanner"/> decide.
    /// </summary>
    /// <param name="source">A rollback's files, or null for the catalog.</param>
    private async Task<BuiltPlan> BuildPlanAsync(IReadOnlyList<PublishTargetOptions> targets, PlanRequest request, IReadOnlyList<ReleaseFile>? source, CancellationToken ct)
    {
        var stages = Stopwatch.StartNew();
        // Reads of their own connections, at once: what the targets hold, the catalog, the next number.
        var stateReading = releases.StateAsync(targets, ct);
        var numberReading = releases.NextNumberAsync(ct);
        var gatesReading = reviews.ApprovalsAsync(ct);
        var exports = await rules.ExportAsync(null, ct);
        var state = await stateReading;
        var number = await numberReading;
        var gates = await gatesReading;
        var teams = exports.ToDictionary(e => e.Namespace, e => e.Team, StringComparer.Ordinal);

        var candidates = source is null
            ? FromCatalog(exports, state.Holdings, number, gates)
            : FromRelease(source, state.Holdings, teams);
        var prepared = stages.Elapsed;

        // promtool is the slow part (a process over every file to write): start it first, lint meanwhile.
        var fresh = candidates.Where(c => c.Source.File is { } file && !state.Holdings.Any(t => t.Files.GetValueOrDefault(c.Source.Namespace)?.File == file)).ToList();
        var checking = TimedAsync(promtool.CheckAsync(fresh.Select(c => c.Source.File!).ToList(), ct));
        var authorsReading = AuthorsSinceAsync(state.Live, ct);
        var versionsReading = RuleVersionsAsync(ct);
        var lintOptions = new LintOptions
        {
            // A group stored below the interval floor (configured after it was saved, say) is held back like any lint error.
            MinimumGroupInterval = rulesOptions?.Value.MinimumGroupInterval ?? GroupIntervals.DefaultMinimum,
            GlobalEvaluationInterval = prometheusOptions?.Value.EvaluationInterval ?? LintOptions.Default.GlobalEvaluationInterval,
        };
        foreach (var candidate in source is null ? candidates : [])
        {
            if (candidate.Parsed is { } parsed)
            {
                foreach (var (rule, finding) in LintRules.LintFile(parsed, lintOptions))
                {
                    (finding.Severity == LintSeverity.Error ? candidate.Problems : candidate.Warnings).Add(Describe(rule, finding));
                }
            }
        }

        // The plan and its diff assuming promtool finds nothing, made while it runs; made again if it does.
        var planned = PublishPlanner.Plan(Sources(candidates), state.Holdings, request, parsedFiles.Of);
        var (errors, promtoolTime) = await checking;
        foreach (var error in errors)
        {
            candidates.First(c => c.Source.File?.FileName == error.File).Problems.Add($"promtool, {error.Where}: {error.Message}");
        }

        if (errors.Count > 0)
        {
            planned = PublishPlanner.Plan(Sources(candidates), state.Holdings, request, parsedFiles.Of);
        }
        var authors = await authorsReading;
        var scope = planned.Scope.ToHashSet(StringComparer.Ordinal);
        log.LogInformation("Plan stages: read and render {Prepared:0} ms, promtool over {Fresh} files {Promtool:0} ms, all {Total:0} ms",
            prepared.TotalMilliseconds, fresh.Count, promtoolTime.TotalMilliseconds, stages.Elapsed.TotalMilliseconds);
        var plan = new PublishPlan(
            state.Live.Max(l => l.Release),
            planned.Namespaces,
            planned.Changes,
            authors.Where(a => scope.Contains(a.Namespace) || planned.Namespaces.Any(n => n.Namespace == a.Namespace && n.Status != NamespaceStatus.Unchanged)).ToList(),
            planned.Files,
            targets.Select(t => t.Name).ToList(),
            planned.NothingToPublish)
        {
            Scope = planned.Scope,
            UnknownNamespaces = planned.Unknown,
            OthersReverted = planned.OthersReverted,
            Live = state.Live,
        };
        return new BuiltPlan(plan, planned, number, planned.Writes, await versionsReading);
    }

    private static List<NamespaceSource> Sources(IEnumerable<Candidate> candidates) =>
        candidates.Select(c => c.Source with { Problems = [.. c.Problems], Warnings = [.. c.Warnings] }).ToList();

    /// <summary>A namespace on its way into a plan, collecting its lint and promtool findings.</summary>
    private sealed record Candidate(NamespaceSource Source, RuleFile? Parsed)
    {
        public List<string> Problems { get; } = [];

        public List<string> Warnings { get; } = [];
    }

    private List<Candidate> FromCatalog(IReadOnlyList<Catalog.NamespaceExport> exports, IReadOnlyList<TargetHolding> holdings, long number,
        IReadOnlyDictionary<string, string?> gates) =>
        exports.Select(export =>
            {
                var rules = export.File.AllRules.Count();
                if (rules == 0)
                {
                    return new Candidate(new NamespaceSource(export.Namespace, export.Team, null, 0, [], []), null);
                }

                var rendered = ReleaseFiles.Render(export.Namespace, export.File, number);
                var file = PublishPlanner.Reuse(rendered, holdings);
                if (ReferenceEquals(file, rendered))
                {
                    parsedFiles.Remember(file, export.File);
                }

                var awaiting = gates.TryGetValue(export.Namespace, out var approved) && approved != ReleaseFiles.BodyChecksum(file);
                return new Candidate(new NamespaceSource(export.Namespace, export.Team, file, rules, [], [], awaiting), export.File);
            })
            .ToList();

    /// <summary>A rollback wants an old release's files back: already validated once, so no lint and no review.</summary>
    private List<Candidate> FromRelease(IReadOnlyList<ReleaseFile> files, IReadOnlyList<TargetHolding> holdings, IReadOnlyDictionary<string, string> teams)
    {
        var wanted = files.ToDictionary(f => f.Namespace, StringComparer.Ordinal);
        var gone = holdings.SelectMany(h => h.Files.Values).Where(h => !wanted.ContainsKey(h.Namespace)).DistinctBy(h => h.Namespace);
        return files.Select(f => new Candidate(new NamespaceSource(f.Namespace, teams.GetValueOrDefault(f.Namespace) ?? TeamHolding(holdings, f.Namespace),
                    PublishPlanner.Reuse(f, holdings), parsedFiles.Of(f).AllRules.Count(), [], []), null))
            .Concat(gone.Select(h => new Candidate(new NamespaceSource(h.Namespace, teams.GetValueOrDefault(h.Namespace) ?? h.Team, null, 0, [], []), null)))
            .ToList();
    }

    private static string TeamHolding(IReadOnlyList<TargetHolding> holdings, string @namespace) =>
        holdings.Select(h => h.Files.GetValueOrDefault(@namespace)?.Team).FirstOrDefault(t => t is not null) ?? "";

    private static async Task<(T Result, TimeSpan Took)> TimedAsync<T>(Task<T> task)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await task;
        return (result, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Who changed rules since the oldest of the targets' newest verified files: the authors of what a publish would take.</summary>
    private async Task<IReadOnlyList<ChangeAuthor>> AuthorsSinceAsync(IReadOnlyList<TargetLive> live, CancellationToken ct)
    {
        var since = live.Count == 0 || live.Any(l => l.Files.Count == 0) ? DateTimeOffset.MinValue : live.Min(l => l.Files.Max(f => f.VerifiedAt));
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.RuleVersions.AsNoTracking()
            .Where(v => v.At > since)
            .Join(db.Rules, v => v.RuleId, r => r.Id, (v, r) => new { v, r.Name, Namespace = r.Group.Namespace.Name })
            .OrderByDescending(x => x.v.At)
            .Take(500)
            .OrderBy(x => x.v.At)
            .Select(x => new ChangeAuthor(x.Namespace, x.Name, x.v.Number, x.v.Actor, x.v.At, x.v.Reason))
            .ToListAsync(ct);
    }

    private async Task<IReadOnlyDictionary<Guid, int>> RuleVersionsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Rules.AsNoTracking().Where(r => r.DeletedAt == null && r.Enabled)
            .Select(r => new { r.Id, r.VersionNumber })
            .ToDictionaryAsync(r => r.Id, r => r.VersionNumber, ct);
    }
}
