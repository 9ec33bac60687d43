using Portal.Domain.Publishing;
using Portal.Domain.Reviews;

namespace Portal.Infrastructure.Reviews;

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
