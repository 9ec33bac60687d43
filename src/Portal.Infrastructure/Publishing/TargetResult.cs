using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

public sealed record TargetResult(string Target, TargetOutcome Outcome, string? Detail, DateTimeOffset At)
{
    /// <summary>Per-namespace outcomes of the release on this target.</summary>
    public IReadOnlyList<NamespaceOutcome> Namespaces { get; init; } = [];
}
