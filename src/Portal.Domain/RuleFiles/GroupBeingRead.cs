namespace Portal.Domain.RuleFiles;

internal sealed class GroupBeingRead(ReportItem item)
{
    public ReportItem Item { get; } = item;

    public string? Name { get; set; }

    public PromDuration? Interval { get; set; }

    public int? Limit { get; set; }

    public List<RuleDraft> Rules { get; } = [];
}
