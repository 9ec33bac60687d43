using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <summary>What happened to one namespace of a release on one target.</summary>
public sealed record NamespaceOutcome(string Namespace, NamespaceOutcomeKind Kind, string? Detail);
