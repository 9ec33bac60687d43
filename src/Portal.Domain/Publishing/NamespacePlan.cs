namespace Portal.Domain.Publishing;

/// <param name="Problems">Why the namespace is held back: lint errors and promtool's own messages, with their place.</param>
/// <param name="Warnings">Lint warnings: listed, never blocking.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Pending">Rule changes this namespace has that the release does not take (held back, awaiting review, not in the release).</param>
public sealed record NamespacePlan(string Namespace, string FileName, NamespaceStatus Status, int Rules, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings,
    string? Team = null, int Pending = 0);
