namespace Portal.Infrastructure.Runbooks;

/// <summary>
/// A runbook as the editor or API sends it. <see cref="OriginalSlug"/> names the runbook being edited (null for a new
/// one); a different <see cref="Slug"/> renames it and leaves a redirect from the old one. <see cref="Version"/> is
/// the version the edit started from (null for a new one). <see cref="Reason"/> is kept with the revision.
/// </summary>
public sealed record RunbookEdit(
    string? OriginalSlug,
    string Slug,
    string Title,
    IReadOnlyList<string> Tags,
    string Team,
    string Body,
    int? ReviewIntervalDays,
    uint? Version,
    string? Reason = null);
