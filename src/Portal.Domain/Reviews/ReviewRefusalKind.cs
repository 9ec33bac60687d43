using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Reviews;

/// <summary>Why a review decision is refused, as the API answers it (403, 409, 400).</summary>
public enum ReviewRefusalKind
{
    /// <summary>The caller may not decide this review (not a Publisher of the team, or an author of the change).</summary>
    Forbidden,
    /// <summary>The content changed since the reviewer looked at it: the decision would be about something else.</summary>
    Stale,
    /// <summary>The decision itself is incomplete (a rejection without a reason).</summary>
    Invalid,
}
