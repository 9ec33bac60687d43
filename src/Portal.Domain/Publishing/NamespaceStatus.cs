namespace Portal.Domain.Publishing;

/// <summary>What a publish does to one namespace.</summary>
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
