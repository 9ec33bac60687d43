using Portal.Domain.Lint;
using Portal.Infrastructure.Lint;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>Answers live lint with fixed findings and records what it was asked.</summary>
internal sealed class FakeLiveLinter : ILiveLinter
{
    public List<(string Expression, LiveRuleRef? Rule)> Asked { get; } = [];

    public IReadOnlyList<LintFinding> Findings { get; set; } = [];

    public Task<IReadOnlyList<LintFinding>> LintAsync(string expression, LiveRuleRef? rule, CancellationToken ct)
    {
        lock (Asked)
        {
            Asked.Add((expression, rule));
        }

        return Task.FromResult(Findings);
    }

    public async Task<IReadOnlyList<RuleLiveFindings>> LintNamespaceAsync(string @namespace, IReadOnlyList<(string Group, string Name, string Expression)> rules, CancellationToken ct)
    {
        var results = new List<RuleLiveFindings>();
        foreach (var rule in rules)
        {
            results.Add(new RuleLiveFindings(rule.Group, rule.Name, await LintAsync(rule.Expression, new LiveRuleRef(@namespace, rule.Group, rule.Name), ct)));
        }

        return results;
    }
}
