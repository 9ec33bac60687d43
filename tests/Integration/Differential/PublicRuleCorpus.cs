using Portal.Domain.Lint;
using Portal.Domain.PromQl;

namespace Portal.Tests.Integration.Differential;

/// <summary>One rule of a public rule set, with where it comes from.</summary>
/// <param name="Defect">Why the rule is broken in its source (lint must flag it); null for a sound rule.</param>
public sealed record PublicRule(RuleKind Kind, string Name, string Expression, string Source, string? Defect = null);

/// <summary>
/// The public rule corpus: Data/publicrules/public-rules.txt (named rules, one a line, by source) and the
/// public-rule-set sections of the printer-parity corpus (expressions only; their kind is guessed from
/// a top-level comparison, their names made up).
/// </summary>
public static class PublicRuleCorpus
{
    public static string RulesFile => Path.Combine(AppContext.BaseDirectory, "Data", "publicrules", "public-rules.txt");

    private static readonly Lazy<IReadOnlyList<PublicRule>> All = new(Load);

    public static IReadOnlyList<PublicRule> Rules => All.Value;

    private static List<PublicRule> Load()
    {
        var rules = new List<PublicRule>();
        var source = "";
        string? defect = null;
        foreach (var line in File.ReadAllLines(RulesFile))
        {
            if (line.StartsWith("#! --- source: ", StringComparison.Ordinal))
            {
                source = line["#! --- source: ".Length..];
            }
            else if (line.StartsWith("#! defective: ", StringComparison.Ordinal))
            {
                defect = line["#! defective: ".Length..];
            }
            else if (line.Length > 2 && !line.StartsWith("#!", StringComparison.Ordinal))
            {
                var split = line.IndexOf(" := ", StringComparison.Ordinal);
                var kind = line[0] == 'A' ? RuleKind.Alerting : RuleKind.Recording;
                rules.Add(new PublicRule(kind, line[2..split], line[(split + 4)..].Replace('⏎', '\n'), source, defect));
                defect = null;
            }
        }

        source = "";
        var inPublic = false;
        var n = 0;
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Differential", "promql-corpus.txt")))
        {
            if (line.StartsWith("#! ---", StringComparison.Ordinal))
            {
                inPublic = line.Contains("Public rule set", StringComparison.Ordinal);
                source = line["#! --- ".Length..].Replace("Public rule set: ", "", StringComparison.Ordinal);
            }
            else if (inPublic && line.Length > 0 && !line.StartsWith("#!", StringComparison.Ordinal))
            {
                var expr = line.Replace('⏎', '\n');
                n++;
                rules.Add(Compares(expr)
                    ? new PublicRule(RuleKind.Alerting, $"PublicAlert{n}", expr, source)
                    : new PublicRule(RuleKind.Recording, $"public:rule{n}:expr", expr, source));
            }
        }

        return rules;
    }

    /// <summary>An expression with a filtering comparison is an alert's; the others are recording rules' (kube-prometheus' are).</summary>
    public static bool Compares(string expr) =>
        PromQlParser.Parse(expr).Expr is { } parsed
        && PromQlAst.Descendants(parsed).OfType<BinaryExpr>().Any(b => b.Op is TokenKind.Eql or TokenKind.Neq or TokenKind.Gtr or TokenKind.Lss or TokenKind.Gte or TokenKind.Lte && !b.ReturnBool);

    public static LintRule ToLintRule(PublicRule rule) => new(rule.Kind, rule.Kind == RuleKind.Alerting ? "PublicAlert" : "public:rule:expr", rule.Expression);
}
