namespace Portal.Domain.Publishing;

/// <summary>
/// One namespace as the catalog has it now. <see cref="File"/> is null when the namespace has no enabled
/// rules left (or was deleted or archived): its file goes.
/// </summary>
/// <param name="Problems">Lint errors and promtool's findings: the namespace is held back.</param>
/// <param name="AwaitingReview">The namespace needs review and this content is not approved.</param>
public sealed record NamespaceSource(
    string Namespace,
    string Team,
    ReleaseFile? File,
    int Rules,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Warnings,
    bool AwaitingReview = false);
