using Portal.Domain.Access;
using Portal.Domain.Publishing;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Reviews;

/// <summary>
/// Review of namespaces that require it: a second Publisher of the owning team approves (or rejects) the
/// exact content a namespace has now; the publisher asks <see cref="GatesAsync"/> whether that content
/// may go out. Every decision and every refusal is audited.
/// </summary>
public interface IReviewStore
{
    /// <summary>For every namespace with review required: its latest approval, if the latest decision is one.</summary>
    Task<IReadOnlyDictionary<string, ReviewGate>> GatesAsync(CancellationToken ct);

    /// <summary>What is under review in the namespace: the per-rule diff against its published file, the authors, the checksum, the decisions.</summary>
    Task<NamespaceReview?> ReviewAsync(string @namespace, CancellationToken ct);

    /// <summary>Records an approval or rejection of the current content (Forbidden, Conflict when stale, Invalid).</summary>
    Task<StoreResult<ReviewDecisionInfo>> DecideAsync(string @namespace, ReviewRequest request, Caller caller, CancellationToken ct);

    /// <summary>Turns review on or off for a namespace: an Admin's or a Publisher's of the owning team.</summary>
    Task<StoreResult<bool>> SetRequiredAsync(string @namespace, bool required, Caller caller, CancellationToken ct);
}

/// <summary>
/// Whether a review-required namespace may be published: only the content its latest approval was for.
/// Checksums are <see cref="ReviewRules.Checksum"/> of the namespace's exported rule file.
/// </summary>
public sealed record ReviewGate(string Namespace, string? ApprovedChecksum, string? ApprovedBy, DateTimeOffset? ApprovedAt)
{
    public bool Allows(string checksum) => ReviewRules.Allows(ApprovedChecksum, checksum);
}

public sealed record ReviewDecisionInfo(long Id, ReviewDecision Decision, string Checksum, string Actor, DateTimeOffset At, string? Comment);

/// <summary>One change behind the content under review: a rule version, or a catalog write without one (group, move, delete).</summary>
public sealed record ReviewChange(string Actor, DateTimeOffset At, string What);

/// <param name="Checksum">The checksum of the current content; an approval is for exactly this.</param>
/// <param name="PublishedRelease">The release whose file the diff is against; null when the namespace was never published live.</param>
/// <param name="Authors">Who changed the namespace since that file was made; none of them may approve.</param>
/// <param name="History">Every decision, newest first.</param>
public sealed record NamespaceReview(
    string Namespace,
    string Team,
    bool ReviewRequired,
    string Checksum,
    long? PublishedRelease,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<RuleChange> Changes,
    IReadOnlyList<string> Authors,
    IReadOnlyList<ReviewChange> AuthorChanges,
    IReadOnlyList<ReviewDecisionInfo> History)
{
    public ReviewDecisionInfo? Latest => History.Count > 0 ? History[0] : null;

    /// <summary>The latest decision approves the current content.</summary>
    public bool Approved => Latest is { Decision: ReviewDecision.Approve } latest && ReviewRules.Allows(latest.Checksum, Checksum);
}

/// <summary>How a refusal of <see cref="ReviewRules"/> reads as a store answer: 403, 409 (stale), 400.</summary>
public static class ReviewResults
{
    public static StoreResult<T> Refused<T>(ReviewRefusal refusal) => refusal.Kind switch
    {
        ReviewRefusalKind.Forbidden => StoreResult<T>.Forbidden(refusal.Reason),
        ReviewRefusalKind.Stale => new StoreResult<T>(StoreOutcome.Conflict, default, [new Domain.Catalog.FieldError(refusal.Field, refusal.Reason)]),
        _ => StoreResult<T>.Invalid(refusal.Field, refusal.Reason),
    };
}
