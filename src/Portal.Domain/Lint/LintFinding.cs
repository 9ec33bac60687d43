using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

/// <summary>
/// One problem found in a rule: which check, how bad, where (the field, and for expressions the
/// line:column inside it), and what to do about it.
/// </summary>
public sealed record LintFinding(
    string Id,
    LintSeverity Severity,
    string Message,
    string Field,
    Position? Position,
    TextSpan? Span,
    string Explanation);
