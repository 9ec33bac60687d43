using Microsoft.Extensions.Options;
using Portal.Domain.PromQl;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Tuning;

internal sealed class TuningTargets(IRuleStore rules, IOptions<PrometheusOptions> prometheus) : ITuningTargets
{
    public async Task<(TuningTarget? Target, string? Problem)> ForRuleAsync(Guid ruleId, CancellationToken ct)
    {
        var rule = await rules.GetAsync(ruleId, ct);
        if (rule is null)
        {
            return (null, "There is no such rule.");
        }

        if (rule.Content.Kind != Domain.Lint.RuleKind.Alerting)
        {
            return (null, $"\"{rule.Content.Name}\" is a recording rule; only alerts have thresholds.");
        }

        var group = (await rules.NamespaceAsync(rule.Namespace, ct))?.Groups.FirstOrDefault(g => g.Group.Id == rule.GroupId)?.Group;
        var interval = group?.Interval?.ToTimeSpan() ?? prometheus.Value.EvaluationInterval;
        var content = rule.Content;
        var (target, problem) = TuningTarget.FromExpression(content.Name, content.Expression, content.For?.ToTimeSpan() ?? TimeSpan.Zero,
            content.KeepFiringFor?.ToTimeSpan() ?? TimeSpan.Zero, interval, content.Severity);
        return (target is null ? null : target with { RuleId = rule.Id }, problem);
    }
}
