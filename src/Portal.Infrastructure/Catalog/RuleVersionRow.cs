using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

internal sealed class RuleVersionRow
{
    public long Id { get; set; }
    public Guid RuleId { get; set; }
    public int Number { get; set; }
    public string Snapshot { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Reason { get; set; }
}
