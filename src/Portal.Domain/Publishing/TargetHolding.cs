namespace Portal.Domain.Publishing;

/// <summary>What one target holds, namespace by namespace.</summary>
public sealed record TargetHolding(string Target, IReadOnlyDictionary<string, HeldFile> Files);
