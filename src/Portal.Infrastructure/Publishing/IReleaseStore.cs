using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <summary>Releases as stored: immutable rows with their files and per-target outcomes.</summary>
public interface IReleaseStore
{
    Task<IReadOnlyList<ReleaseSummary>> ListAsync(int skip, int take, CancellationToken ct);

    Task<ReleaseDetail?> GetAsync(long number, CancellationToken ct);

    /// <summary>Per-rule differences from release <paramref name="from"/> to release <paramref name="to"/>.</summary>
    Task<IReadOnlyList<RuleChange>?> DiffAsync(long from, long to, CancellationToken ct);
}
