using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <summary>A file a target verifiably holds, with the release that put it there.</summary>
public sealed record LiveFile(string Namespace, string Team, string FileName, string Checksum, long Release, DateTimeOffset VerifiedAt);
