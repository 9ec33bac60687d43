using Portal.Domain.Publishing;
using Portal.Domain.Reviews;

namespace Portal.Infrastructure.Reviews;

/// <summary>
/// Whether a review-required namespace may be published: only the content its latest approval was for.
/// Checksums are <see cref="ReviewRules.Checksum"/> of the namespace's exported rule file.
/// </summary>
public sealed record ReviewGate(string Namespace, string? ApprovedChecksum, string? ApprovedBy, DateTimeOffset? ApprovedAt)
{
    public bool Allows(string checksum) => ReviewRules.Allows(ApprovedChecksum, checksum);
}
