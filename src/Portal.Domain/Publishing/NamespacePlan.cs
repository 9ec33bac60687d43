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

/// <param name="Problems">Why the namespace is held back: lint errors and promtool's own messages, with their place.</param>
/// <param name="Warnings">Lint warnings: listed, never blocking.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Pending">Rule changes this namespace has that the release does not take (held back, awaiting review, not in the release).</param>
public sealed record NamespacePlan(string Namespace, string FileName, NamespaceStatus Status, int Rules, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings,
    string? Team = null, int Pending = 0);

/// <summary>How a namespace's status reads in messages and on the pages.</summary>
public static class NamespaceStatusWords
{
    public static string Of(NamespaceStatus status) => status switch
    {
        NamespaceStatus.Unchanged => "unchanged",
        NamespaceStatus.Changed => "changed",
        NamespaceStatus.Added => "added",
        NamespaceStatus.Removed => "removed",
        NamespaceStatus.AwaitingReview => "awaiting review",
        NamespaceStatus.NotInRelease => "not in this release",
        _ => "held back",
    };
}
