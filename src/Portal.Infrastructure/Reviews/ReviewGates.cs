using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Reviews;

/// <summary>The publisher's view of reviews: per namespace that requires one, the rules checksum approved last (null: none is).</summary>
internal sealed class ReviewGates(IReviewStore reviews) : IReviewGates
{
    public async Task<IReadOnlyDictionary<string, string?>> ApprovalsAsync(CancellationToken ct) =>
        (await reviews.GatesAsync(ct)).ToDictionary(g => g.Key, g => g.Value.ApprovedChecksum, StringComparer.Ordinal);
}
