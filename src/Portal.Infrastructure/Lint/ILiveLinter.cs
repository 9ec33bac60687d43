using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Lint;

/// <summary>
/// The second lint pass: asks the configured Prometheus what it has seen and how the expression runs.
/// Never throws for Prometheus' sake: when it cannot answer, the findings say the checks were skipped.
/// </summary>
public interface ILiveLinter
{
    /// <param name="rule">Where the rule is published; null for an expression alone (no evaluation errors then).</param>
    Task<IReadOnlyList<LintFinding>> LintAsync(string expression, LiveRuleRef? rule, CancellationToken ct);

    /// <summary>Every rule of a namespace, a few at a time, sharing what Prometheus answered.</summary>
    Task<IReadOnlyList<RuleLiveFindings>> LintNamespaceAsync(string @namespace, IReadOnlyList<(string Group, string Name, string Expression)> rules, CancellationToken ct);
}
