namespace Portal.Domain.Runbooks;

/// <summary>
/// A runbook rendered for the page: sanitized HTML cut where each live PromQL block goes, so the page can put a live
/// chart between the pieces; and the table of contents.
/// </summary>
public sealed record RenderedRunbook(IReadOnlyList<RunbookPart> Parts, IReadOnlyList<TocEntry> Toc);
