using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <param name="Release">The release live on this target, whose files the directory should hold.</param>
/// <param name="ForeignFiles">*.yml files in the directory the portal never wrote: left alone, reported.</param>
public sealed record TargetDrift(string Target, long? Release, IReadOnlyList<DriftedFile> Files, IReadOnlyList<string> ForeignFiles)
{
    public bool HasDrift => Files.Count > 0;
}
