namespace Portal.Domain.RuleFiles;

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
