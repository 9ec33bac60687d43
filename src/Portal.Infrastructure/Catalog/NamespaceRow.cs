using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

// Persistence shapes of the catalog. Only RuleStore touches them; pages see the records of IRuleStore.

internal sealed class NamespaceRow
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Team { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Changes need a second Publisher's approval before they are published (see Reviews/ReviewStore).</summary>
    public bool ReviewRequired { get; set; }

    /// <summary>Archived: kept and shown, read-only, and not published (its file is removed on the next publish).</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchivedBy { get; set; }

    /// <summary>Deleted: hidden everywhere (a query filter), its name free at once; the rows and their history stay.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public uint Version { get; set; }
    public List<GroupRow> Groups { get; set; } = [];
}
