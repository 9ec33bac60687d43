namespace Portal.Domain.Publishing;

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
