using Portal.Domain.Catalog;
using Portal.Domain.PromQl;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Tuning;

public interface ITuningTargets
{
    /// <summary>The stored alert as a tuning target, with its group's interval; null when missing or not tunable (the reason says why).</summary>
    Task<(TuningTarget? Target, string? Problem)> ForRuleAsync(Guid ruleId, CancellationToken ct);
}
