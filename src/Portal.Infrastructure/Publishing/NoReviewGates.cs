namespace Portal.Infrastructure.Publishing;

/// <summary>No namespace requires review.</summary>
internal sealed class NoReviewGates : IReviewGates
{
    public Task<IReadOnlyDictionary<string, string?>> ApprovalsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}
