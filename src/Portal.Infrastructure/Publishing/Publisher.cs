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
    ParsedFiles parsedFiles,
    IPublishTargets publishTargets,
    IReviewGates reviews,
    Audit.IAuditLog audit,
    Access.AccessGuard guard,
    TimeProvider clock,
    ILogger<Publisher> log,
    IOptions<RulesOptions>? rulesOptions = null,
    IOptions<Prometheus.PrometheusOptions>? prometheusOptions = null,
    Cluster.IChangeFeed? changes = null) : IPublisher
{
    /// <summary>Any constant: every portal instance sharing the database serialises on it.</summary>
    private const long LockKey = 0x706F7274616C5055; // "portalPU"

    public Task<PublishPlan> PlanAsync(CancellationToken ct) => PlanAsync(new PublishRequest(null, Confirm: false), Caller.System(), ct);

    public async Task<PublishPlan> PlanAsync(PublishRequest request, Caller caller, CancellationToken ct) =>
        (await BuildPlanAsync(await TargetsAsync(ct), Scope(request, caller, rollback: false), source: null, ct)).Plan;

    public async Task<IReadOnlyList<TargetLive>> LiveAsync(CancellationToken ct) => (await releases.StateAsync(await TargetsAsync(ct), ct)).Live;

    private async Task<IReadOnlyList<PublishTargetOptions>> TargetsAsync(CancellationToken ct) =>
        (await publishTargets.ListAsync(ct)).Where(t => !t.OutsideAllowedRoots).Select(t => t.Options).ToList();

    private static PlanRequest Scope(PublishRequest request, Caller caller, bool rollback) => new(
        request.Namespaces?.Select(n => n.Trim()).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal),
        caller.Teams,
        rollback);

    public async Task<PublishResult> PublishAsync(PublishRequest request, Caller caller, CancellationToken ct)
    {
        if (!request.Confirm)
        {
            return new PublishResult(await PlanAsync(request, caller, ct), null, null);
        }

        await guard.DemandAsync(caller, PortalAction.Publish, "release.publish", "publish");

        return await UnderLockAsync(async () =>
        {
            var planning = Stopwatch.GetTimestamp();
            var targets = await TargetsAsync(ct);
            var built = await BuildPlanAsync(targets, Scope(request, caller, rollback: false), source: null, ct);
            log.LogInformation("Planned a publish in {Ms:0} ms", Stopwatch.GetElapsedTime(planning).TotalMilliseconds);
            return Refusal(built, request) is { } refusal
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
            var old = await releases.GetAsync(release, ct) ?? throw new PublishingException($"Release {release} does not exist.") { NotFound = true };
            var targets = await TargetsAsync(ct);
            var built = await BuildPlanAsync(targets, Scope(request, caller, rollback: true), old.Files, ct);
            var refusal = Refusal(built, request);
            if (!request.Confirm || refusal is not null)
            {
                return new PublishResult(built.Plan, null, request.Confirm ? refusal : null);
            }

            return await ReleaseAsync(targets, built, request, caller, rollbackOf: release, ct);
        }, ct);
    }

    private async Task<PublishResult> ReleaseAsync(IReadOnlyList<PublishTargetOptions> targets, BuiltPlan built, PublishRequest request, Caller caller, long? rollbackOf, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = built.Plan;
        var number = built.Number;
        var row = new ReleaseRow
        {
            Number = number,
            At = clock.GetUtcNow(),
            Actor = caller.Name,
            Note = request.Note!.Trim(),
            RollbackOf = rollbackOf,
            HeldBack = plan.HeldBack.Select(n => n.Namespace).ToList(),
            Scope = plan.Scope.ToList(),
            Changes = JsonSerializer.Serialize(plan.Changes, ReleaseStore.Json),
            ChangeCount = plan.Changes.Count,
            RuleVersions = JsonSerializer.Serialize(built.RuleVersions),
            Files = plan.Files.Select(f => new ReleaseFileRow { Namespace = f.Namespace, FileName = f.FileName, Content = f.Content, Checksum = f.Checksum }).ToList(),
        };
        // The row is written while the targets are: an outcome is only recorded once it exists.
        var storing = releases.CreateAsync(row, ct);
        var kind = rollbackOf is null ? "publish" : "rollback";
        changes.Announce(Cluster.ChangeKinds.Release, number.ToString(System.Globalization.CultureInfo.InvariantCulture), caller.Name, detail: kind + " started");
        log.LogInformation("Release {Release} by {Actor}: {Scope} namespaces, {Changes} rule changes, held back: {HeldBack}",
            number, caller.Name, plan.Scope.Count, plan.Changes.Count, string.Join(", ", row.HeldBack));

        // The targets of an HA pair are independent: one being down must not delay the other.
        var results = await Task.WhenAll(built.Writes.Select(async writes =>
        {
            var target = targets.Single(t => t.Name == writes.Target);
            var result = await deployer.DeployAsync(target, writes, ct);
            await storing;
            await releases.RecordAsync(number, result, attempts: 1, writes.Writes, CancellationToken.None);
            changes.Announce(Cluster.ChangeKinds.Release, number.ToString(System.Globalization.CultureInfo.InvariantCulture), caller.Name,
                detail: $"{result.Target}: {result.Outcome}");
            return result;
        }));

        await storing;
        var deployed = Stopwatch.GetElapsedTime(started);
        var outcome = results.All(r => r.Outcome == TargetOutcome.Live) ? "success"
            : results.Any(r => r.Outcome == TargetOutcome.PendingReload) ? "pending"
            : results.Any(r => r.Outcome is TargetOutcome.RolledBack or TargetOutcome.Partial) ? "rolled_back"
            : "failed";
        PortalMetrics.Publishes.WithLabels(outcome).Inc();
        PortalMetrics.PublishDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        await AuditAsync(caller, rollbackOf is null ? "release.publish" : "release.rollback", $"release {number}", new
        {
            note = row.Note,
            rollbackOf,
            scope = row.Scope,
            heldBack = row.HeldBack,
            notInRelease = plan.NotInRelease.Select(n => n.Namespace).ToList(),
            changes = plan.Changes.Count,
            targets = results.ToDictionary(r => r.Target, r => r.Outcome.ToString()),
        });
        changes.Announce(Cluster.ChangeKinds.Release, number.ToString(System.Globalization.CultureInfo.InvariantCulture), caller.Name, detail: $"{kind} {outcome}");
        // What was just written, as the releases list will read it: no need to ask the database back.
        var summary = new ReleaseSummary(number, row.At, row.Actor, row.Note, results.OrderBy(r => r.Target, StringComparer.Ordinal).ToList(),
            row.HeldBack, rollbackOf, row.Files.Count, row.ChangeCount)
        {
            Scope = row.Scope,
        };
        log.LogInformation("Release {Release}: deployed and recorded after {Deployed:0} ms, audited and summarised after {Total:0} ms",
            number, deployed.TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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

    /// <summary>Whether the plan may be released is Domain's decision (<see cref="PublishRefusal"/>).</summary>
    private static string? Refusal(BuiltPlan built, PublishRequest request) => PublishRefusal.Of(built.Planned, request.Note, request.ConfirmEmpty);

    /// <param name="Planned">The planner's decision the <paramref name="Plan"/> was made from.</param>
    private sealed record BuiltPlan(PublishPlan Plan, PlannedRelease Planned, long Number, IReadOnlyList<TargetWrites> Writes, IReadOnlyDictionary<Guid, int> RuleVersions);

    private static string Describe(Rule? rule, LintFinding finding) =>
        (rule is null ? "" : rule.Name + ": ") + $"{finding.Message} [{finding.Id}]";
}
