using Portal.Domain.Access;

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
