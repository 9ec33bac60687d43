using Portal.Domain.Catalog;
using Portal.Domain.Lint;

namespace Portal.Infrastructure.Catalog;

/// <summary>A deleted rule as the trash lists it. <see cref="WithNamespace"/>: the rule itself is not deleted, its namespace is.</summary>
public sealed record TrashedRule(
    Guid Id, string Namespace, string Group, RuleKind Kind, string Name, int VersionNumber, DateTimeOffset DeletedAt, string DeletedBy, string Team)
{
    public bool WithNamespace { get; init; }
}
