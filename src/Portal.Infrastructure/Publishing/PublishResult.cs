using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <param name="Release">The release made, or null for a dry run, a refusal or nothing to publish.</param>
/// <param name="Refusal">Why nothing was published (no note, empty set unconfirmed, nothing changed).</param>
public sealed record PublishResult(PublishPlan Plan, ReleaseSummary? Release, string? Refusal);
