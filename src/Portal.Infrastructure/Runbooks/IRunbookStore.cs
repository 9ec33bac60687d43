using Portal.Domain.Access;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Runbooks;

/// <summary>
/// Runbooks in PostgreSQL: Markdown documents under a stable slug, with a revision on every change, full-text search,
/// templates for new ones and links from rules. Everyone reads; Editors of the owning team (and Admins) write, and a
/// refusal is audited. Edits carry the version they started from and fail with a conflict instead of overwriting.
/// </summary>
public interface IRunbookStore
{
    Task<IReadOnlyList<RunbookSummary>> ListAsync(CancellationToken ct);

    /// <summary>The runbook under <paramref name="slug"/>, or under the slug it was renamed to (<see cref="RunbookLookup.RedirectTo"/>).</summary>
    Task<RunbookLookup> FindAsync(string slug, CancellationToken ct);

    /// <summary>Creates (<see cref="RunbookEdit.Version"/> null) or updates a runbook; a save that changes nothing writes nothing.</summary>
    Task<StoreResult<RunbookDetail>> SaveAsync(RunbookEdit edit, Caller caller, CancellationToken ct);

    Task<StoreResult<bool>> DeleteAsync(string slug, uint version, Caller caller, CancellationToken ct);

    /// <summary>Records that the caller reviewed the runbook now (restarts its review interval); no new revision.</summary>
    Task<StoreResult<RunbookDetail>> MarkReviewedAsync(string slug, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<RunbookRevisionInfo>> RevisionsAsync(string slug, CancellationToken ct);

    Task<RunbookRevision?> RevisionAsync(string slug, int number, CancellationToken ct);

    /// <summary>Makes an old revision's content current again, as a new revision.</summary>
    Task<StoreResult<RunbookDetail>> RestoreAsync(string slug, int number, uint version, Caller caller, CancellationToken ct);

    /// <summary>Ranked full-text search (title over tags over body) with highlighted snippets; a linked rule's alert name finds its runbook.</summary>
    Task<IReadOnlyList<RunbookHit>> SearchAsync(RunbookSearch search, CancellationToken ct);

    /// <summary>Creates every runbook of an import in one transaction: all of them or none.</summary>
    Task<StoreResult<IReadOnlyList<RunbookDetail>>> ImportAsync(IReadOnlyList<RunbookEdit> runbooks, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<RunbookTemplate>> TemplatesAsync(CancellationToken ct);

    /// <summary>Admins only.</summary>
    Task<StoreResult<RunbookTemplate>> SaveTemplateAsync(RunbookTemplate template, Caller caller, CancellationToken ct);

    /// <summary>Links a rule to a runbook, or unlinks it (<paramref name="slug"/> null). Rights as for editing the rule.</summary>
    Task<StoreResult<bool>> LinkRuleAsync(Guid ruleId, string? slug, Caller caller, CancellationToken ct);

    Task<IReadOnlyList<LinkedRule>> LinkedRulesAsync(string slug, CancellationToken ct);

    /// <summary>The slug each linked rule points at, by rule id: what publishing turns into <c>runbook_url</c>.</summary>
    Task<IReadOnlyDictionary<Guid, string>> RuleLinksAsync(CancellationToken ct);
}
