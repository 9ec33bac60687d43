using Portal.Domain.Lint;
using Portal.Domain.PromQl;

namespace Portal.Components.Shared;

/// <summary>What the editor underlines for an expression: the parse error, or lint's findings in the expression.</summary>
public sealed record PromQlFeedback(ParseResult Parse, IReadOnlyList<LintFinding> Findings, IReadOnlyList<PromQlDiagnostic> Diagnostics)
{
    public static PromQlFeedback For(string expression, RuleKind kind = RuleKind.Alerting, LintOptions? options = null)
    {
        var parse = PromQlParser.Parse(expression);
        var findings = RuleLinter.Lint(new LintRule(kind, "expression", expression), options)
            .Where(f => f.Field == "expr")
            .ToList();
        var diagnostics = findings
            .Where(f => f.Span is not null)
            .Select(f => new PromQlDiagnostic(f.Span!.Value.Start, Math.Max(f.Span.Value.End, f.Span.Value.Start + 1), Severity(f.Severity),
                $"{f.Message} ({f.Id})"))
            .ToList();
        return new PromQlFeedback(parse, findings, diagnostics);
    }

    private static PromQlDiagnosticSeverity Severity(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => PromQlDiagnosticSeverity.Error,
        LintSeverity.Warning => PromQlDiagnosticSeverity.Warning,
        _ => PromQlDiagnosticSeverity.Info,
    };
}
