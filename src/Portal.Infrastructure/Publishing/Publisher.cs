using Portal.Domain.Access;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Domain.Lint;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Metrics;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// The publish pipeline (decision 0011). Planning renders and validates; publishing plans again under a
/// PostgreSQL advisory lock, stores the release, then deploys it to every target at once
/// (<see cref="TargetDeployer"/>), each target with its own outcome.
/// </summary>
internal sealed partial class Publisher(
    IDbContextFactory<PortalDbContext> contexts,
    IRuleStore rules,
    ReleaseStore releases,
    Promtool promtool,
    TargetDeployer deployer,
    IPublishTargets publishTargets,
    Audit.IAuditLog audit,
    Access.AccessGuard guard,
    TimeProvider clock,
    ILogger<Publisher> log,
    IOptions<RulesOptions>? rulesOptions = null,
    IOptions<Prometheus.PrometheusOptions>? prometheusOptions = null) : IPublisher
{
    /// <summary>Any constant: every portal instance sharing the database serialises on it.</summary>
    private const long LockKey = 0x706F7274616C5055; // "portalPU"

    public async Task<PublishPlan> PlanAsync(CancellationToken ct) => (await BuildPlanAsync(await TargetsAsync(ct), ct)).Plan;

    private async Task<IReadOnlyList<PublishTargetOptions>> TargetsAsync(CancellationToken ct) =>
        (await publishTargets.ListAsync(ct)).Where(t => !t.OutsideAllowedRoots).Select(t => t.Options).ToList();

    public async Task<PublishResult> PublishAsync(PublishRequest request, Caller caller, CancellationToken ct)
    {
        if (!request.Confirm)
        {
            return new PublishResult(await PlanAsync(ct), null, null);
        }

        await guard.DemandAsync(caller, PortalAction.Publish, "release.publish", "publish");

        return await UnderLockAsync(async () =>
        {
            var planning = Stopwatch.GetTimestamp();
            var targets = await TargetsAsync(ct);
            var built = await BuildPlanAsync(targets, ct);
            log.LogInformation("Planned a publish in {Ms:0} ms", Stopwatch.GetElapsedTime(planning).TotalMilliseconds);
            return Refusal(built.Plan, request) is { } refusal
                ? new PublishResult(built.Plan, null, refusal)
                : await ReleaseAsync(targets, built, request, caller, rollbackOf: null, ct);
        }, ct);
    }

    public async Task<PublishResult> RollbackAsync(long release, PublishRequest request, Caller caller, CancellationToken ct)
    {
        // Looking at what a rollback would do is anyone's, like the publish plan; doing it is a Publisher's.
        if (request.Confirm)
        {
            await guard.DemandAsync(caller, PortalAction.Rollback, "release.rollback", $"release {release}");
        }

        return await UnderLockAsync(async () =>
        {
            var old = await releases.GetAsync(release, ct) ?? throw new KeyNotFoundException($"Release {release} does not exist.");
            var latest = await releases.LatestAsync(ct);
            var targets = await TargetsAsync(ct);
            var plan = PlanFor(targets, old.Files, latest, authors: []);
            if (!request.Confirm || Refusal(plan, request) is { } refusal)
            {
                return new PublishResult(plan, null, request.Confirm ? Refusal(plan, request) : null);
            }

            return await ReleaseAsync(targets, new BuiltPlan(plan, new Dictionary<Guid, int>()), request, caller, rollbackOf: release, ct);
        }, ct);
    }

    private static string? Refusal(PublishPlan plan, PublishRequest request) =>
        string.IsNullOrWhiteSpace(request.Note) ? "Write a release note: it is how others will know what this release changed and why."
        : plan.NothingToPublish ? $"Nothing to publish: the files equal release {plan.CurrentRelease}."
        : plan.IsEmpty && !request.ConfirmEmpty ? "This release has no rules at all: Prometheus would drop every rule the portal manages. Confirm publishing an empty set to go on."
        : null;

    private async Task<PublishResult> ReleaseAsync(IReadOnlyList<PublishTargetOptions> targets, BuiltPlan built, PublishRequest request, Caller caller, long? rollbackOf, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = built.Plan;
        var number = await releases.NextNumberAsync(ct);
        var files = plan.Files.Select(f => f).ToList();
        var row = new ReleaseRow
        {
            Number = number,
            At = clock.GetUtcNow(),
            Actor = caller.Name,
            Note = request.Note!.Trim(),
            RollbackOf = rollbackOf,
            HeldBack = plan.HeldBack.Select(n => n.Namespace).ToList(),
            Changes = JsonSerializer.Serialize(plan.Changes, ReleaseStore.Json),
            RuleVersions = JsonSerializer.Serialize(built.RuleVersions),
            Files = files.Select(f => new ReleaseFileRow { Namespace = f.Namespace, FileName = f.FileName, Content = f.Content, Checksum = f.Checksum }).ToList(),
        };
        await releases.CreateAsync(row, ct);
        log.LogInformation("Release {Release} by {Actor}: {Files} files, {Changes} rule changes, held back: {HeldBack}",
            number, caller.Name, files.Count, plan.Changes.Count, string.Join(", ", row.HeldBack));

        // The targets of an HA pair are independent: one being down must not delay the other.
        var results = await Task.WhenAll(targets.Select(async target =>
        {
            var result = await deployer.DeployAsync(target, number, files, ct);
            await releases.RecordAsync(number, result, attempts: 1, CancellationToken.None);
            return result;
        }));

        var outcome = results.All(r => r.Outcome == TargetOutcome.Live) ? "success"
            : results.Any(r => r.Outcome == TargetOutcome.PendingReload) ? "pending"
            : results.Any(r => r.Outcome == TargetOutcome.RolledBack) ? "rolled_back"
            : "failed";
        PortalMetrics.Publishes.WithLabels(outcome).Inc();
        PortalMetrics.PublishDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        await AuditAsync(caller, rollbackOf is null ? "release.publish" : "release.rollback", $"release {number}", new
        {
            note = row.Note,
            rollbackOf,
            heldBack = row.HeldBack,
            changes = plan.Changes.Count,
            targets = results.ToDictionary(r => r.Target, r => r.Outcome.ToString()),
        });
        var summary = (await releases.ListAsync(0, 1, ct)).Single(r => r.Number == number);
        return new PublishResult(plan, summary, null);
    }

    /// <summary>One audit row, written even when the caller's request is cancelled: what happened to the targets happened.</summary>
    private Task AuditAsync(Caller caller, string action, string subject, object detail) =>
        audit.RecordAsync(caller, action, subject, detail, CancellationToken.None);

    private async Task<T> UnderLockAsync<T>(Func<Task<T>> action, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", LockKey);
            await take.ExecuteNonQueryAsync(ct);
        }

        try
        {
            return await action();
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", LockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed record BuiltPlan(PublishPlan Plan, IReadOnlyDictionary<Guid, int> RuleVersions);

    /// <summary>Renders, lints and promtool-checks every namespace; failing ones keep their current file.</summary>
    private async Task<BuiltPlan> BuildPlanAsync(IReadOnlyList<PublishTargetOptions> targets, CancellationToken ct)
    {
        var stages = Stopwatch.StartNew();
        // Two reads of their own connections: the release on record and the catalog, at once.
        var latestReading = releases.LatestAsync(ct);
        var exports = await rules.ExportAsync(null, ct);
        var latest = await latestReading;
        var current = latest?.Files.ToDictionary(f => f.Namespace) ?? [];
        var nextNumber = (latest?.Release.Number ?? 0) + 1;

        var candidates = new List<(string Namespace, ReleaseFile File, List<string> Problems, List<string> Warnings, int Rules)>();
        var sources = new Dictionary<string, RuleFile>(StringComparer.Ordinal);
        foreach (var export in exports.Where(e => e.File.AllRules.Any()))
        {
            var body = RuleFileRenderer.Render(export.File);
            var file = current.TryGetValue(export.Namespace, out var live) && ReleaseFiles.WithoutHeader(live.Content) == body
                ? live
                : ParsedFiles.Remember(ReleaseFiles.Render(export.Namespace, export.File, nextNumber), export.File);
            candidates.Add((export.Namespace, file, [], [], export.File.AllRules.Count()));
            sources[export.Namespace] = export.File;
        }

        // promtool is the slow part (a process over every changed file): start it first; lint, read the
        // catalog and diff while it runs (the diff assumes nothing is held back and is redone if something is).
        var checkedFiles = candidates.Where(c => !ReferenceEquals(c.File, current.GetValueOrDefault(c.Namespace))).Select(c => c.File).ToList();
        var prepared = stages.Elapsed;
        var checking = TimedAsync(promtool.CheckAsync(checkedFiles, ct));
        // The catalog reads wait on the database, not the CPU: they run while lint does.
        var since = latest?.Release.At ?? DateTimeOffset.MinValue;
        var authorsReading = AuthorsSinceAsync(since, ct);
        var versionsReading = RuleVersionsAsync(ct);
        // A group stored below the interval floor (configured after it was saved, say) is held back like any lint error.
        var lintOptions = new LintOptions
        {
            MinimumGroupInterval = rulesOptions?.Value.MinimumGroupInterval ?? GroupIntervals.DefaultMinimum,
            GlobalEvaluationInterval = prometheusOptions?.Value.EvaluationInterval ?? LintOptions.Default.GlobalEvaluationInterval,
        };
        foreach (var candidate in candidates)
        {
            foreach (var (rule, finding) in LintRules.LintFile(sources[candidate.Namespace], lintOptions))
            {
                (finding.Severity == LintSeverity.Error ? candidate.Problems : candidate.Warnings).Add(Describe(rule, finding));
            }
        }

        var authors = await authorsReading;
        var versions = await versionsReading;
        var hopeful = PlanFor(targets, candidates.Select(c => c.File).ToList(), latest, authors);
        var alongside = stages.Elapsed - prepared;
        var (errors, promtoolTime) = await checking;
        log.LogInformation("Plan stages: catalog and render {Prepared:0} ms, then promtool {Promtool:0} ms alongside lint, authors and diff {Alongside:0} ms",
            prepared.TotalMilliseconds, promtoolTime.TotalMilliseconds, alongside.TotalMilliseconds);
        foreach (var error in errors)
        {
            candidates.First(c => c.File.FileName == error.File).Problems.Add($"promtool, {error.Where}: {error.Message}");
        }

        var heldBack = new HashSet<string>(candidates.Where(c => c.Problems.Count > 0).Select(c => c.Namespace), StringComparer.Ordinal);
        var files = candidates
            .Select(c => heldBack.Contains(c.Namespace) ? current.GetValueOrDefault(c.Namespace) : c.File)
            .OfType<ReleaseFile>()
            .ToList();
        var plan = (heldBack.Count == 0 ? hopeful : PlanFor(targets, files, latest, authors)) with
        {
            Namespaces = NamespacePlans(candidates, current, heldBack),
        };
        if (plan.NothingToPublish && await AnyTargetBehindAsync(targets, files, ct))
        {
            // A target that failed or was rolled back still holds older files: publishing again brings it level.
            plan = plan with { NothingToPublish = false };
        }

        return new BuiltPlan(plan, versions);
    }

    private static async Task<(T Result, TimeSpan Took)> TimedAsync<T>(Task<T> task)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await task;
        return (result, Stopwatch.GetElapsedTime(started));
    }

    private async Task<bool> AnyTargetBehindAsync(IReadOnlyList<PublishTargetOptions> targets, IReadOnlyList<ReleaseFile> files, CancellationToken ct)
    {
        foreach (var target in targets)
        {
            var onDisk = (await releases.OnDiskAsync(target.Name, ct))?.Files ?? [];
            if (onDisk.Count != files.Count || onDisk.Any(d => files.All(f => f.FileName != d.FileName || f.Checksum != d.Checksum)))
            {
                return true;
            }
        }

        return false;
    }

    private static PublishPlan PlanFor(IReadOnlyList<PublishTargetOptions> targets, IReadOnlyList<ReleaseFile> files, (ReleaseRow Release, IReadOnlyList<ReleaseFile> Files)? latest,
        IReadOnlyList<ChangeAuthor> authors)
    {
        var before = latest?.Files ?? [];
        var same = before.Count == files.Count && before.All(b => files.Any(f => f.FileName == b.FileName && f.Checksum == b.Checksum));
        var namespaces = files.Select(f => new NamespacePlan(f.Namespace, f.FileName,
                before.FirstOrDefault(b => b.Namespace == f.Namespace) is not { } b ? NamespaceStatus.Added
                : b.Checksum == f.Checksum ? NamespaceStatus.Unchanged : NamespaceStatus.Changed,
                ParsedFiles.Of(f).AllRules.Count(), [], []))
            .Concat(before.Where(b => files.All(f => f.Namespace != b.Namespace))
                .Select(b => new NamespacePlan(b.Namespace, b.FileName, NamespaceStatus.Removed, 0, [], [])))
            .ToList();
        return new PublishPlan(
            latest?.Release.Number,
            namespaces,
            ReleaseDiff.Between(ReleaseStore.Parsed(before), ReleaseStore.Parsed(files)),
            authors,
            files,
            targets.Select(t => t.Name).ToList(),
            NothingToPublish: same && (latest is not null || files.Count == 0));
    }

    private static List<NamespacePlan> NamespacePlans(
        IEnumerable<(string Namespace, ReleaseFile File, List<string> Problems, List<string> Warnings, int Rules)> candidates,
        IReadOnlyDictionary<string, ReleaseFile> current, IReadOnlySet<string> heldBack)
    {
        var plans = candidates.Select(c => new NamespacePlan(c.Namespace, c.File.FileName,
                heldBack.Contains(c.Namespace) ? NamespaceStatus.HeldBack
                : !current.TryGetValue(c.Namespace, out var live) ? NamespaceStatus.Added
                : live.Checksum == c.File.Checksum ? NamespaceStatus.Unchanged
                : NamespaceStatus.Changed,
                c.Rules, c.Problems, c.Warnings))
            .ToList();
        plans.AddRange(current.Values.Where(f => plans.All(p => p.Namespace != f.Namespace))
            .Select(f => new NamespacePlan(f.Namespace, f.FileName, NamespaceStatus.Removed, 0, [], [])));
        return plans.OrderBy(p => p.Namespace, StringComparer.Ordinal).ToList();
    }

    private static string Describe(Rule? rule, LintFinding finding) =>
        (rule is null ? "" : rule.Name + ": ") + $"{finding.Message} [{finding.Id}]";

    private async Task<IReadOnlyList<ChangeAuthor>> AuthorsSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.RuleVersions.AsNoTracking()
            .Where(v => v.At > since)
            .Join(db.Rules, v => v.RuleId, r => r.Id, (v, r) => new { v, r.Name, Namespace = r.Group.Namespace.Name })
            .OrderBy(x => x.v.At)
            .Take(500)
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
