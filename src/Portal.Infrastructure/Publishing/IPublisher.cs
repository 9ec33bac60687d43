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
    /// <summary>What a publish of every change would do now (a dry run): per-namespace status, problems, the per-rule diff.</summary>
    Task<PublishPlan> PlanAsync(CancellationToken ct);

    /// <summary>What <paramref name="caller"/>'s publish would do now: their teams' changes, or the namespaces the request names.</summary>
    Task<PublishPlan> PlanAsync(PublishRequest request, Caller caller, CancellationToken ct);

    /// <summary>What every target verifiably holds: the source of truth for "live".</summary>
    Task<IReadOnlyList<TargetLive>> LiveAsync(CancellationToken ct);

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

/// <summary>Who changed a rule since the current release (from the catalog's versions).</summary>
public sealed record ChangeAuthor(string Namespace, string Rule, int Version, string Actor, DateTimeOffset At, string? Reason);

/// <param name="CurrentRelease">The newest release verified live on some target (null before the first).</param>
/// <param name="Changes">Per-rule changes of the namespaces in the release, against what the targets verifiably hold.</param>
/// <param name="Files">The whole rule set after this publish (namespaces outside it keep what the targets hold).</param>
/// <param name="NothingToPublish">No namespace in scope differs from what every target holds.</param>
public sealed record PublishPlan(
    long? CurrentRelease,
    IReadOnlyList<NamespacePlan> Namespaces,
    IReadOnlyList<RuleChange> Changes,
    IReadOnlyList<ChangeAuthor> Authors,
    IReadOnlyList<ReleaseFile> Files,
    IReadOnlyList<string> Targets,
    bool NothingToPublish)
{
    /// <summary>The namespaces this release changes.</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];

    /// <summary>Namespaces the caller chose that do not exist.</summary>
    public IReadOnlyList<string> UnknownNamespaces { get; init; } = [];

    /// <summary>The unknown names as a sentence: the first ten, then how many more (a request may name a thousand).</summary>
    public string? UnknownNamespacesText => UnknownNamespaces.Count == 0 ? null
        : $"No namespace is called {string.Join(", ", UnknownNamespaces.Take(10).Select(n => $"\"{n}\""))}"
          + (UnknownNamespaces.Count > 10 ? $" (and {UnknownNamespaces.Count - 10} more names)." : ".");

    /// <summary>For a rollback: other teams' namespaces it would also revert, left out unless chosen.</summary>
    public IReadOnlyList<string> OthersReverted { get; init; } = [];

    /// <summary>What each target verifiably holds now.</summary>
    public IReadOnlyList<TargetLive> Live { get; init; } = [];

    /// <summary>After this publish no target would hold any rule the portal manages (a namespace in scope always has a target to change).</summary>
    public bool LeavesNoRules => IsEmpty && !NothingToPublish;

    public bool IsEmpty => Files.Count == 0;

    public IEnumerable<NamespacePlan> HeldBack => Namespaces.Where(n => n.Status == NamespaceStatus.HeldBack);

    public IEnumerable<NamespacePlan> NotInRelease => Namespaces.Where(n => n.Status is NamespaceStatus.NotInRelease or NamespaceStatus.AwaitingReview);
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
    /// <summary>Some namespaces verified live; the others were rolled back alone (see the per-namespace outcomes).</summary>
    Partial,
}

public enum NamespaceOutcomeKind
{
    /// <summary>Prometheus loaded the file as published.</summary>
    Live,
    /// <summary>The file was removed and Prometheus unloaded its rules.</summary>
    Removed,
    /// <summary>Not loaded as published: the namespace's previous file is back.</summary>
    RolledBack,
    /// <summary>Written; Prometheus has not been asked to reload yet.</summary>
    Pending,
    /// <summary>Could not be written, or could not be restored.</summary>
    Failed,
}

/// <summary>What happened to one namespace of a release on one target.</summary>
public sealed record NamespaceOutcome(string Namespace, NamespaceOutcomeKind Kind, string? Detail);

/// <summary>A file a target verifiably holds, with the release that put it there.</summary>
public sealed record LiveFile(string Namespace, string Team, string FileName, string Checksum, long Release, DateTimeOffset VerifiedAt);

/// <param name="Release">The newest release any of the files came from (null: nothing verified yet).</param>
/// <param name="Drifted">Files whose bytes on disk are no longer the verified ones.</param>
public sealed record TargetLive(string Target, long? Release, IReadOnlyList<LiveFile> Files, int Rules, IReadOnlyList<string> Drifted);

public sealed record TargetResult(string Target, TargetOutcome Outcome, string? Detail, DateTimeOffset At)
{
    /// <summary>Per-namespace outcomes of the release on this target.</summary>
    public IReadOnlyList<NamespaceOutcome> Namespaces { get; init; } = [];
}

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
    /// <summary>The namespaces the release changed (every namespace, for releases made before releases were scoped).</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];

    /// <summary>live: every target verified; partial: some targets or namespaces; pending: waiting for a reload; failed: none.</summary>
    public string Status =>
        Targets.Count == 0 ? "failed"
        : Targets.All(t => t.Outcome == TargetOutcome.Live) ? "live"
        : Targets.Any(t => t.Outcome == TargetOutcome.PendingReload) ? "pending"
        : Targets.Any(t => t.Outcome is TargetOutcome.Live or TargetOutcome.Partial) ? "partial"
        : "failed";

    /// <summary>A release that did not go live everywhere can be published again as it was.</summary>
    public bool Retryable => Status is "failed" or "partial";
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
