namespace Portal.Domain.Publishing;

/// <summary>Everything a release changes on one target (namespaces already level there are left alone).</summary>
public sealed record TargetWrites(string Target, IReadOnlyList<NamespaceWrite> Writes);
