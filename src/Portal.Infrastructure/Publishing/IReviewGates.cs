namespace Portal.Infrastructure.Publishing;

/// <summary>
/// What the publisher needs from reviews: the namespaces that require one, each with the rules checksum
/// (<see cref="Domain.Publishing.ReleaseFiles.BodyChecksum"/>) last approved, or null when none is.
/// </summary>
public interface IReviewGates
{
    Task<IReadOnlyDictionary<string, string?>> ApprovalsAsync(CancellationToken ct);
}
