using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record NamespaceSummary(Guid Id, string Name, string Team, int GroupCount, int RuleCount, uint Version)
{
    /// <summary>When it was archived (read-only, not published); null while it is active.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    public string? ArchivedBy { get; init; }

    public bool Archived => ArchivedAt is not null;
}
