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

internal sealed class GroupBeingRead(ReportItem item)
{
    public ReportItem Item { get; } = item;

    public string? Name { get; set; }

    public PromDuration? Interval { get; set; }

    public int? Limit { get; set; }

    public List<RuleDraft> Rules { get; } = [];
}

/// <summary>A rule as read; <see cref="Rule"/> is null when its shape was too broken to build one.</summary>
internal sealed class RuleDraft(ReportItem item, ReportItem block, Rule? rule)
{
    public ReportItem Item { get; } = item;

    public ReportItem Block { get; } = block;

    public Rule? Rule { get; } = rule;

    public bool Importable => Rule is not null && Item.Errors.Count == 0;
}

internal sealed partial class RuleReader
{
    public ImportResult Finish()
    {
        RejectRepeatedGroupNames();
        foreach (var draft in _groups.SelectMany(g => g.Rules).Where(d => d.Importable))
        {
            draft.Item.Errors.AddRange(RuleFileValidator.CheckRule(draft.Rule!, options.Validation));
        }

        foreach (var group in _groups.Where(g => g.Item.Errors.Count > 0))
        {
            foreach (var draft in group.Rules.Where(d => d.Item.Errors.Count == 0))
            {
                draft.Item.Errors.Add("not imported because its group has errors");
            }
        }

        var importable = _groups.SelectMany(g => g.Rules).Where(d => d.Importable).ToList();
        foreach (var (draft, first) in RuleFileValidator.Duplicates(importable.Select(d => (d, $"the rule at line {d.Item.Line}", d.Rule!))))
        {
            draft.Item.Warnings.Add(RuleFileValidator.DuplicateReason(first));
        }

        var groups = new List<RuleGroup>();
        foreach (var group in _groups.Where(g => g.Item.Errors.Count == 0))
        {
            var rules = group.Rules.Where(d => d.Importable).Select(d => d.Rule!).ToList();
            var failed = group.Rules.Count - rules.Count;
            if (failed > 0 && rules.Count == 0)
            {
                group.Item.Errors.Add($"not imported: none of its {failed} rules could be imported");
                continue;
            }

            if (failed > 0)
            {
                group.Item.Warnings.Add($"{failed} of its {group.Rules.Count} rules were not imported");
            }

            groups.Add(new RuleGroup(group.Name!, rules, group.Interval, group.Limit));
        }

        SummarizeBlocks();
        if (_items.Count == 0)
        {
            NoteEmpty("the input is empty; nothing to import");
        }

        return new ImportResult(new RuleFile(groups), _items.Select(i => i.ToLine()).ToList());
    }

    private void RejectRepeatedGroupNames()
    {
        var first = new Dictionary<string, GroupBeingRead>(StringComparer.Ordinal);
        foreach (var group in _groups.Where(g => g.Name is not null))
        {
            if (!first.TryAdd(group.Name!, group))
            {
                group.Item.Errors.Add($"group name \"{group.Name}\" is repeated in the same file (first at line {first[group.Name!].Item.Line})");
            }
        }
    }

    private void SummarizeBlocks()
    {
        foreach (var block in _items.Where(i => i.Kind == ReportKind.Block && !i.Skipped && i.Errors.Count == 0))
        {
            var drafts = _groups.SelectMany(g => g.Rules).Where(d => d.Block == block).ToList();
            var alerts = drafts.Count(d => d.Importable && d.Rule is AlertingRule);
            var records = drafts.Count(d => d.Importable && d.Rule is RecordingRule);
            var failed = drafts.Count(d => !d.Importable);
            var summary = $"{Plural(alerts, "alert")} and {Plural(records, "recording rule")} imported";
            block.Notes.Add(failed > 0 ? $"{summary}, {Plural(failed, "rule")} not" : summary);
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
