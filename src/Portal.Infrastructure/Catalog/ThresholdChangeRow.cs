using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

internal sealed class ThresholdChangeRow
{
    public long Id { get; set; }
    public Guid RuleId { get; set; }
    public double? Old { get; set; }
    public double New { get; set; }
    public string Operator { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Reason { get; set; }
    public double? ExpectedAlertsPerWeek { get; set; }
}
