using Portal.Domain.Access;
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
