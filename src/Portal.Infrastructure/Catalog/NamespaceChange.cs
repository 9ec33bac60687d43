using Portal.Domain.Catalog;
using Portal.Domain.Lint;

namespace Portal.Infrastructure.Catalog;

/// <summary>What to change of a namespace; null parts stay as they are. <see cref="Version"/>, when given, must be the current row version.</summary>
public sealed record NamespaceChange(string? Name = null, string? Team = null, bool? Archived = null, uint? Version = null)
{
    public bool IsEmpty => Name is null && Team is null && Archived is null;
}
