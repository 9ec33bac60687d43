using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

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
