using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Reviews;

/// <summary>
/// A review decision as asked: <see cref="SeenChecksum"/> is the content checksum the reviewer saw (null
/// from API clients that did not send one: they decide about whatever is current).
/// </summary>
public sealed record ReviewRequest(ReviewDecision Decision, string? Comment, string? SeenChecksum);
