using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

internal sealed class GroupRow
{
    public Guid Id { get; set; }
    public Guid NamespaceId { get; set; }
    public NamespaceRow Namespace { get; set; } = null!;
    public string Name { get; set; } = "";
    public long? IntervalMs { get; set; }
    public int? Limit { get; set; }
    public int Position { get; set; }
    public uint Version { get; set; }
    public List<RuleRow> Rules { get; set; } = [];

    public PromDuration? Interval => IntervalMs is { } ms ? PromDuration.FromMilliseconds(ms) : null;
}
