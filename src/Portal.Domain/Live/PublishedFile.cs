namespace Portal.Domain.Live;

/// <summary>A file a target verifiably loaded from the portal (the target_files table).</summary>
/// <param name="FileName">The name in the target's directory, its prefix included.</param>
public sealed record PublishedFile(string Namespace, string Team, string FileName, long Release, DateTimeOffset VerifiedAt);
