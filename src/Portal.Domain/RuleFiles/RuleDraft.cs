namespace Portal.Domain.RuleFiles;

/// <summary>A rule as read; <see cref="Rule"/> is null when its shape was too broken to build one.</summary>
internal sealed class RuleDraft(ReportItem item, ReportItem block, Rule? rule)
{
    public ReportItem Item { get; } = item;

    public ReportItem Block { get; } = block;

    public Rule? Rule { get; } = rule;

    public bool Importable => Rule is not null && Item.Errors.Count == 0;
}
