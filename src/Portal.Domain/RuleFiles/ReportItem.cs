namespace Portal.Domain.RuleFiles;

/// <summary>A report line in the making: problems collect here until the whole import has been checked.</summary>
internal sealed class ReportItem(ReportKind kind, string name, int line, int? column)
{
    public ReportKind Kind { get; set; } = kind;

    public string Name { get; set; } = name;

    public int Line { get; } = line;

    public int? Column { get; } = column;

    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<string> Notes { get; } = [];

    public bool Skipped { get; private set; }

    public void Skip(string reason)
    {
        Skipped = true;
        Notes.Add(reason);
    }

    public ReportLine ToLine()
    {
        var status = Errors.Count > 0 ? ReportStatus.Error
            : Skipped ? ReportStatus.Info
            : Warnings.Count > 0 ? ReportStatus.Warning
            : ReportStatus.Imported;
        return new ReportLine(Kind, Name, Line, status, string.Join("; ", Errors.Concat(Warnings).Concat(Notes)), Column);
    }
}
