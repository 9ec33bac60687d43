using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record ThresholdChange(double? Old, double New, string Operator, string Actor, DateTimeOffset At, string? Reason, double? ExpectedAlertsPerWeek);
