using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

public enum LintSeverity
{
    Info,
    Warning,
    Error,
}
