using Portal.Domain.Access;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Reviews;

/// <summary>
/// The four-eyes rule of namespace review: a Publisher of the owning team (or an Admin) who did not
/// author the change decides about exactly the content they saw; a rejection says why.
/// </summary>
public static class ReviewRules
{
    /// <summary>The longest comment kept; beyond that a reviewer is writing a document, not a review note.</summary>
    public const int MaxComment = 2000;

    /// <summary>Null when the decision may be recorded; else why not. Rights come first, so a refusal never hints at content.</summary>
    public static ReviewRefusal? Check(Caller caller, ReviewSubject subject, ReviewRequest request)
    {
        if (MayReview(caller, subject.Team) is { } rights)
        {
            return new ReviewRefusal(ReviewRefusalKind.Forbidden, "access", rights);
        }

        // Even an Admin: the point of a second pair of eyes is that they are not the author's.
        if (subject.Authors.Contains(caller.Name))
        {
            return new ReviewRefusal(ReviewRefusalKind.Forbidden, "access",
                $"{caller.Name} changed rules under review in {subject.Namespace}; another Publisher of team {subject.Team} has to review the change.");
        }

        if (request.SeenChecksum is { } seen && !string.Equals(seen.Trim(), subject.CurrentChecksum, StringComparison.OrdinalIgnoreCase))
        {
            return new ReviewRefusal(ReviewRefusalKind.Stale, "checksum",
                $"The rules of {subject.Namespace} changed since you looked (you saw {Short(seen.Trim())}, now {Short(subject.CurrentChecksum)}): review the current change.");
        }

        var comment = request.Comment?.Trim() ?? "";
        if (request.Decision == ReviewDecision.Reject && comment.Length == 0)
        {
            return new ReviewRefusal(ReviewRefusalKind.Invalid, "comment", "A rejection needs a comment that tells the authors what to change.");
        }

        if (comment.Length > MaxComment)
        {
            return new ReviewRefusal(ReviewRefusalKind.Invalid, "comment", $"A review comment has at most {MaxComment} characters; this one has {comment.Length}.");
        }

        return null;
    }

    /// <summary>Null when the caller may review (and set the review requirement of) the team's namespaces; else the access policy's reason.</summary>
    public static string? MayReview(Caller caller, string team) =>
        AccessPolicy.Decide(caller, PortalAction.Review, team) is { Allowed: false } decision ? decision.Reason : null;

    /// <summary>Whether an approval lets the content with <paramref name="checksum"/> be published: approvals are for exact content.</summary>
    public static bool Allows(string? approvedChecksum, string checksum) =>
        approvedChecksum is not null && string.Equals(approvedChecksum, checksum, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What an approval is for: SHA-256 of the namespace's rules as rendered for publishing, without the
    /// release header (which names a release number and so changes when the rules do not).
    /// </summary>
    public static string Checksum(RuleFile file) => ReleaseFiles.Sha256(RuleFileRenderer.Render(file));

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
