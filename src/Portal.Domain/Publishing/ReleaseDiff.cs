using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Publishing;

/// <summary>
/// Per-rule differences between two sets of rule files (namespace → file). A rule is the same rule in both
/// when namespace, group, kind, name and severity label match (and, for repeats of all of those, its
/// position among them); anything else about it is a field that changed.
/// </summary>
public static class ReleaseDiff
{
    public static IReadOnlyList<RuleChange> Between(IReadOnlyDictionary<string, RuleFile> before, IReadOnlyDictionary<string, RuleFile> after)
    {
        var old = Index(before);
        var @new = Index(after);
        var changes = new List<RuleChange>();
        foreach (var (key, rule) in @new)
        {
            if (!old.TryGetValue(key, out var previous))
            {
                changes.Add(Change(key, RuleChangeKind.Added, Fields(null, rule)));
            }
            else if (Fields(previous, rule) is { Count: > 0 } fields)
            {
                changes.Add(Change(key, RuleChangeKind.Changed, fields));
            }
        }

        changes.AddRange(old.Where(o => !@new.ContainsKey(o.Key)).Select(o => Change(o.Key, RuleChangeKind.Removed, Fields(o.Value, null))));
        return changes
            .OrderBy(c => c.Namespace, StringComparer.Ordinal)
            .ThenBy(c => c.Group, StringComparer.Ordinal)
            .ThenBy(c => c.Rule, StringComparer.Ordinal)
            .ThenBy(c => c.Severity, StringComparer.Ordinal)
            .ToList();
    }

    private readonly record struct RuleKey(string Namespace, string Group, bool Alert, string Name, string? Severity, int Repeat);

    private static RuleChange Change(RuleKey key, RuleChangeKind kind, IReadOnlyList<FieldChange> fields) =>
        new(key.Namespace, key.Group, key.Name, key.Severity, kind, fields);

    private static Dictionary<RuleKey, Rule> Index(IReadOnlyDictionary<string, RuleFile> files)
    {
        var index = new Dictionary<RuleKey, Rule>();
        foreach (var (ns, file) in files)
        {
            foreach (var group in file.Groups)
            {
                foreach (var rule in group.Rules)
                {
                    var severity = rule.Labels.TryGetValue("severity", out var s) ? s : null;
                    var key = new RuleKey(ns, group.Name, rule is AlertingRule, rule.Name, severity, 0);
                    while (index.ContainsKey(key))
                    {
                        key = key with { Repeat = key.Repeat + 1 };
                    }

                    index[key] = rule;
                }
            }
        }

        return index;
    }

    /// <summary>The fields that differ; against null (added or removed) every field the rule sets.</summary>
    public static List<FieldChange> Fields(Rule? before, Rule? after)
    {
        var fields = new List<FieldChange>();
        Expression(fields, before?.Expr, after?.Expr);
        Compare(fields, "for", (before as AlertingRule)?.For?.ToString(), (after as AlertingRule)?.For?.ToString());
        Compare(fields, "keep_firing_for", (before as AlertingRule)?.KeepFiringFor?.ToString(), (after as AlertingRule)?.KeepFiringFor?.ToString());
        Map(fields, "labels", before?.Labels, after?.Labels);
        Map(fields, "annotations", (before as AlertingRule)?.Annotations, (after as AlertingRule)?.Annotations);
        return fields;
    }

    /// <summary>A threshold move reads as one: <c>threshold 0.8 → 0.85</c> rather than two long expressions.</summary>
    private static void Expression(List<FieldChange> fields, string? before, string? after)
    {
        if (before == after)
        {
            return;
        }

        if (before is not null && after is not null
            && ThresholdForm.Find(before) is { } old && ThresholdForm.Find(after) is { } @new
            && old.Query == @new.Query && old.Operator == @new.Operator)
        {
            fields.Add(new FieldChange("threshold", ThresholdForm.FormatThreshold(old.Threshold), ThresholdForm.FormatThreshold(@new.Threshold)));
            return;
        }

        fields.Add(new FieldChange("expr", before, after));
    }

    private static void Compare(List<FieldChange> fields, string name, string? before, string? after)
    {
        if (before != after)
        {
            fields.Add(new FieldChange(name, before, after));
        }
    }

    private static void Map(List<FieldChange> fields, string name, LabelMap? before, LabelMap? after)
    {
        var keys = (before?.Keys ?? []).Union(after?.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            string? Value(LabelMap? map) => map is not null && map.TryGetValue(key, out var v) ? v : null;
            Compare(fields, $"{name}.{key}", Value(before), Value(after));
        }
    }
}
