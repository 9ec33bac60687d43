namespace Portal.Domain.Publishing;

/// <summary>A file a target holds for a namespace, verified loaded by release <see cref="Release"/>.</summary>
/// <param name="OnDisk">The directory still holds exactly these bytes (false: edited or deleted by hand).</param>
public sealed record HeldFile(string Namespace, string Team, ReleaseFile File, long Release, bool OnDisk);
