using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

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

    /// <summary>The unknown names as a sentence, as a refusal says them.</summary>
    public string? UnknownNamespacesText => PublishRefusal.UnknownNamespaces(UnknownNamespaces);

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
