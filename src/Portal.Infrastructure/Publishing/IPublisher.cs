using Portal.Domain.Access;
using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// The one publish pipeline, used by the Publish page, the Releases page and the API: render every
/// enabled rule into one file per namespace, validate (lint and promtool), diff against the current
/// release, write atomically into every target's rules directory, reload, verify what Prometheus
/// loaded, and roll a target back by itself when any of that fails there.
/// </summary>
public interface IPublisher
{
    /// <summary>What a publish would do now (a dry run): per-namespace status, problems, the per-rule diff.</summary>
    Task<PublishPlan> PlanAsync(CancellationToken ct);

    /// <summary>
    /// Publishes when <see cref="PublishRequest.Confirm"/> is set (a Publisher's or an Admin's right), else
    /// returns the plan only (anyone's). Writes refused by the access policy throw
    /// <see cref="Access.AccessDeniedException"/>, here and in the other writes, after the refusal is audited.
    /// </summary>
    Task<PublishResult> PublishAsync(PublishRequest request, Caller caller, CancellationToken ct);

    /// <summary>Republishes release <paramref name="release"/>'s files as a new release, through the same pipeline.</summary>
    Task<PublishResult> RollbackAsync(long release, PublishRequest request, Caller caller, CancellationToken ct);

    /// <summary>Live files that no longer match the release live on their target (edited or deleted by hand), and foreign files.</summary>
    Task<IReadOnlyList<TargetDrift>> DriftAsync(CancellationToken ct);

    /// <summary>Writes the live release's files over hand edits on <paramref name="target"/>, then reloads and verifies (the user confirmed).</summary>
    Task<TargetResult> OverwriteDriftAsync(string target, Caller caller, CancellationToken ct);
}

/// <summary>Releases as stored: immutable rows with their files and per-target outcomes.</summary>
public interface IReleaseStore
{
    Task<IReadOnlyList<ReleaseSummary>> ListAsync(int skip, int take, CancellationToken ct);

    Task<ReleaseDetail?> GetAsync(long number, CancellationToken ct);

    /// <summary>Per-rule differences from release <paramref name="from"/> to release <paramref name="to"/>.</summary>
    Task<IReadOnlyList<RuleChange>?> DiffAsync(long from, long to, CancellationToken ct);
}

/// <param name="Note">The release note the user typed; required to publish, not for a dry run.</param>
/// <param name="Confirm">False: a dry run. True: publish.</param>
/// <param name="ConfirmEmpty">Publishing no rules at all makes Prometheus drop every rule the portal manages; it needs this too.</param>
/// <param name="Namespaces">The namespaces the release covers; null: the caller's teams' namespaces with changes (any, for an Admin or Publisher choosing none).</param>
public sealed record PublishRequest(string? Note, bool Confirm, bool ConfirmEmpty = false, IReadOnlyList<string>? Namespaces = null);

public enum NamespaceStatus
{
    Unchanged,
    Changed,
    Added,
    /// <summary>The namespace was deleted or lost its last enabled rule: its file is removed.</summary>
    Removed,
    /// <summary>Lint errors or promtool refused it: its previously published file stays live.</summary>
    HeldBack,
    /// <summary>The namespace needs review and its current content is not approved: its live file stays.</summary>
    AwaitingReview,
    /// <summary>Changed, but outside the namespaces this release covers (another team's, say): left as it is on every target.</summary>
    NotInRelease,
}

/// <param name="Problems">Why the namespace is held back: lint errors and promtool's own messages, with their place.</param>
/// <param name="Warnings">Lint warnings: listed, never blocking.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Pending">Rule changes this namespace has that the release does not take (held back, awaiting review, not in the release).</param>
public sealed record NamespacePlan(string Namespace, string FileName, NamespaceStatus Status, int Rules, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings,
    string? Team = null, int Pending = 0);

/// <summary>Who changed a rule since the current release (from the catalog's versions).</summary>
public sealed record ChangeAuthor(string Namespace, string Rule, int Version, string Actor, DateTimeOffset At, string? Reason);

/// <param name="CurrentRelease">The newest release, which the diff is against (null before the first publish).</param>
/// <param name="Files">The files this publish would make live (held-back namespaces keep their current file).</param>
/// <param name="NothingToPublish">The files equal the current release: publishing would change nothing.</param>
public sealed record PublishPlan(
    long? CurrentRelease,
    IReadOnlyList<NamespacePlan> Namespaces,
    IReadOnlyList<RuleChange> Changes,
    IReadOnlyList<ChangeAuthor> Authors,
    IReadOnlyList<ReleaseFile> Files,
    IReadOnlyList<string> Targets,
    bool NothingToPublish)
{
    public bool IsEmpty => Files.Count == 0;

    public IEnumerable<NamespacePlan> HeldBack => Namespaces.Where(n => n.Status == NamespaceStatus.HeldBack);
}

public enum TargetOutcome
{
    /// <summary>Written, reloaded, and /api/v1/rules shows every published group with the expected rules.</summary>
    Live,
    /// <summary>Something failed after writing; the previous release's files were restored (and reloaded).</summary>
    RolledBack,
    /// <summary>Written but Prometheus could not be asked to reload (down, or its lifecycle API is off): retried with backoff.</summary>
    PendingReload,
    /// <summary>Nothing could be written, or the rollback itself failed: the reason says which.</summary>
    Failed,
}

public sealed record TargetResult(string Target, TargetOutcome Outcome, string? Detail, DateTimeOffset At);

/// <param name="RollbackOf">Set when this release republished an older one.</param>
public sealed record ReleaseSummary(
    long Number,
    DateTimeOffset At,
    string Actor,
    string? Note,
    IReadOnlyList<TargetResult> Targets,
    IReadOnlyList<string> HeldBack,
    long? RollbackOf,
    int FileCount,
    int ChangeCount)
{
    /// <summary>live: every target verified; partial: some; pending: waiting for a reload; failed: none.</summary>
    public string Status =>
        Targets.Count == 0 ? "failed"
        : Targets.All(t => t.Outcome == TargetOutcome.Live) ? "live"
        : Targets.Any(t => t.Outcome == TargetOutcome.PendingReload) ? "pending"
        : Targets.Any(t => t.Outcome == TargetOutcome.Live) ? "partial"
        : "failed";
}

public sealed record ReleaseDetail(ReleaseSummary Summary, IReadOnlyList<ReleaseFile> Files, IReadOnlyList<RuleChange> Changes);

/// <param name="Release">The release made, or null for a dry run, a refusal or nothing to publish.</param>
/// <param name="Refusal">Why nothing was published (no note, empty set unconfirmed, nothing changed).</param>
public sealed record PublishResult(PublishPlan Plan, ReleaseSummary? Release, string? Refusal);

public enum DriftKind
{
    /// <summary>The live file's bytes differ from the release's.</summary>
    Modified,
    /// <summary>The release has the file; the directory does not.</summary>
    Missing,
}

public sealed record DriftedFile(string FileName, string? Namespace, DriftKind Kind, string? LiveContent);

/// <param name="Release">The release live on this target, whose files the directory should hold.</param>
/// <param name="ForeignFiles">*.yml files in the directory the portal never wrote: left alone, reported.</param>
public sealed record TargetDrift(string Target, long? Release, IReadOnlyList<DriftedFile> Files, IReadOnlyList<string> ForeignFiles)
{
    public bool HasDrift => Files.Count > 0;
}
