namespace Portal.Components.Shared;

public enum PromQlDiagnosticSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// A problem to underline in <see cref="PromQlEditor"/>: <paramref name="From"/> and <paramref name="To"/>
/// are character offsets into the editor's text, the end exclusive.
/// </summary>
public sealed record PromQlDiagnostic(int From, int To, PromQlDiagnosticSeverity Severity, string Message);
