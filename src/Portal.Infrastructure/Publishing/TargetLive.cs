using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <param name="Release">The newest release any of the files came from (null: nothing verified yet).</param>
/// <param name="Drifted">Files whose bytes on disk are no longer the verified ones.</param>
public sealed record TargetLive(string Target, long? Release, IReadOnlyList<LiveFile> Files, int Rules, IReadOnlyList<string> Drifted);
