namespace Portal.Domain.RuleFiles;

/// <summary>What a report line is about.</summary>
public enum ReportKind
{
    /// <summary>A YAML document: a whole file, one <c>---</c> section of it, or a fenced block in Markdown.</summary>
    Block,
    Group,
    Alert,
    Record,

    /// <summary>A rule that is neither clearly an alert nor a recording rule (both or neither key given).</summary>
    Rule,
}

/// <summary>What happened to the item a report line is about.</summary>
public enum ReportStatus
{
    Imported,

    /// <summary>Imported, but something was changed or ignored on the way; the reason says what.</summary>
    Warning,

    /// <summary>Not imported; the reason says why.</summary>
    Error,

    /// <summary>Nothing to import here (a Prometheus config block, an empty block); not a problem.</summary>
    Info,
}

/// <summary>
/// One line of an import report. <see cref="Line"/> and <see cref="Column"/> are 1-based and count
/// in the text the caller passed in, Markdown included.
/// </summary>
public sealed record ReportLine(ReportKind Kind, string Name, int Line, ReportStatus Status, string Reason, int? Column = null)
{
    public override string ToString() =>
        $"{Line}{(Column is { } c ? $":{c}" : "")} {Kind.ToString().ToLowerInvariant()} {Name}: {Status.ToString().ToLowerInvariant()}{(Reason.Length > 0 ? " - " + Reason : "")}";
}

/// <summary>
/// The outcome of an import: the rules that were imported (with or without warnings) and a report
/// line for every block, group and rule seen. Rules with errors are reported but left out of
/// <see cref="File"/>, so whatever is in it can be stored and rendered as it is.
/// </summary>
public sealed record ImportResult(RuleFile File, IReadOnlyList<ReportLine> Report, bool Refused = false)
{
    public static ImportResult Refuse(string reason) =>
        new(RuleFile.Empty, [new ReportLine(ReportKind.Block, "input", 1, ReportStatus.Error, reason)], Refused: true);

    public bool HasErrors => Report.Any(l => l.Status == ReportStatus.Error);

    public IEnumerable<ReportLine> Errors => Report.Where(l => l.Status == ReportStatus.Error);

    public IEnumerable<ReportLine> Warnings => Report.Where(l => l.Status == ReportStatus.Warning);
}
