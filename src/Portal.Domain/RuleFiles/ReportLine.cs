namespace Portal.Domain.RuleFiles;

/// <summary>
/// One line of an import report. <see cref="Line"/> and <see cref="Column"/> are 1-based and count
/// in the text the caller passed in, Markdown included.
/// </summary>
public sealed record ReportLine(ReportKind Kind, string Name, int Line, ReportStatus Status, string Reason, int? Column = null)
{
    public override string ToString() =>
        $"{Line}{(Column is { } c ? $":{c}" : "")} {Kind.ToString().ToLowerInvariant()} {Name}: {Status.ToString().ToLowerInvariant()}{(Reason.Length > 0 ? " - " + Reason : "")}";
}
