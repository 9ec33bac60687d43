namespace Portal.Domain.Lint;

public enum LintSeverity
{
    Info,
    Warning,
    Error,
}
