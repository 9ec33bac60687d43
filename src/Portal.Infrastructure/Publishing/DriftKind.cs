using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

public enum DriftKind
{
    /// <summary>The live file's bytes differ from the release's.</summary>
    Modified,
    /// <summary>The release has the file; the directory does not.</summary>
    Missing,
}
