namespace Portal.Infrastructure.Publishing;

/// <summary>
/// What the publisher needs from reviews: the namespaces that require one, each with the rules checksum
/// (<see cref="Domain.Publishing.ReleaseFiles.BodyChecksum"/>) last approved, or null when none is.
/// </summary>
public interface IReviewGates
{
    Task<IReadOnlyDictionary<string, string?>> ApprovalsAsync(CancellationToken ct);
}

/// <summary>No namespace requires review.</summary>
internal sealed class NoReviewGates : IReviewGates
{
    public Task<IReadOnlyDictionary<string, string?>> ApprovalsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}
