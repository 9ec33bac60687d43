using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>A group a new rule can go into: enough to offer it, check the team's right and preview the published YAML.</summary>
public sealed record GroupChoice(Guid Id, string Namespace, string Group, string Team, PromDuration? Interval, int? Limit)
{
    public override string ToString() => $"{Namespace} / {Group}";
}
