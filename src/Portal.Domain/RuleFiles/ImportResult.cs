namespace Portal.Domain.RuleFiles;

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
