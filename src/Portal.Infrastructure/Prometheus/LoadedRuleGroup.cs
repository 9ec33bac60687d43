namespace Portal.Infrastructure.Prometheus;

public sealed record LoadedRuleGroup(string Name, string File, double IntervalSeconds, IReadOnlyList<LoadedRule> Rules);
