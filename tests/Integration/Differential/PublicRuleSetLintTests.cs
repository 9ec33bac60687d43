using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Differential;

/// <summary>
/// An error-level lint finding holds a namespace back at publish, so it must never fire on a sound rule.
/// The public rule sets in the parity corpus (promtool accepts them, Prometheus evaluates them) are the
/// proof: none of their expressions may get an error.
/// </summary>
public sealed class PublicRuleSetLintTests(ITestOutputHelper output)
{
    /// <summary>The corpus' expressions from the sections that name a public rule set.</summary>
    private static IReadOnlyList<string> PublicRuleSets()
    {
        var expressions = new List<string>();
        var inPublic = false;
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Differential", "promql-corpus.txt")))
        {
            if (line.StartsWith("#! ---", StringComparison.Ordinal))
            {
                inPublic = line.Contains("Public rule set", StringComparison.Ordinal);
            }
            else if (inPublic && line.Length > 0 && !line.StartsWith("#!", StringComparison.Ordinal))
            {
                expressions.Add(line.Replace('⏎', '\n'));
            }
        }

        return expressions.Distinct(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void PublicRuleSets_GetNoErrorLevelFinding()
    {
        var expressions = PublicRuleSets();
        Assert.True(expressions.Count >= 250, $"only {expressions.Count} public rule-set expressions were found in the corpus");

        var errors = new List<string>();
        foreach (var expr in expressions)
        {
            // An expression with a comparison is an alert's; the others are recording rules' (kube-prometheus' are).
            var compares = PromQlParser.Parse(expr).Expr is { } parsed
                && PromQlAst.Descendants(parsed).OfType<BinaryExpr>().Any(b => b.Op is TokenKind.Eql or TokenKind.Neq or TokenKind.Gtr or TokenKind.Lss or TokenKind.Gte or TokenKind.Lte && !b.ReturnBool);
            var rule = compares
                ? new LintRule(RuleKind.Alerting, "PublicAlert", expr)
                : new LintRule(RuleKind.Recording, "public:rule:expr", expr);
            errors.AddRange(RuleLinter.Lint(rule)
                .Where(f => f.Severity == LintSeverity.Error)
                .Select(f => $"{f.Id}: {f.Message}\n    {expr}"));
        }

        output.WriteLine($"{expressions.Count} public rule-set expressions linted; {errors.Count} error-level findings");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
