namespace Portal.Domain.RuleFiles;

internal sealed partial class RuleReader
{
    // Keys people put beside expr that Prometheus only accepts under labels or annotations.
    private static readonly Dictionary<string, string> Misplaced = new(StringComparer.Ordinal)
    {
        ["severity"] = "labels",
        ["summary"] = "annotations",
        ["description"] = "annotations",
        ["runbook_url"] = "annotations",
    };

    private void ReadRule(IReadOnlyList<(YamlNode Key, YamlNode Value)> raw, YamlNode at, GroupBeingRead group)
    {
        var item = Add(new ReportItem(ReportKind.Rule, $"rule {group.Rules.Count + 1}", Line(at), Column(at)));
        string? alert = null, record = null, expr = null;
        var badName = false;
        var badExpr = false;
        PromDuration? @for = null, keepFiringFor = null;
        var labels = LabelMap.Empty;
        var annotations = LabelMap.Empty;
        var moved = new List<(string Key, string Target, string Value)>();
        foreach (var (key, _, value) in Entries(raw, item))
        {
            switch (key)
            {
                case "alert":
                    alert = ReadText(value, item, key);
                    badName |= value is not YamlScalar;
                    break;
                case "record":
                    record = ReadText(value, item, key);
                    badName |= value is not YamlScalar;
                    break;
                case "expr":
                    expr = ReadText(value, item, key);
                    badExpr |= value is not YamlScalar;
                    break;
                case "for":
                    @for = ReadDuration(value, item, key);
                    break;
                case "keep_firing_for":
                    keepFiringFor = ReadDuration(value, item, key);
                    break;
                case "labels":
                    labels = ReadLabelMap(value, item, "label", key);
                    break;
                case "annotations":
                    annotations = ReadLabelMap(value, item, "annotation", key);
                    break;
                case var _ when Misplaced.TryGetValue(key, out var target) && !options.Strict:
                    if (ReadLabelValue(value, item, key, "field") is { } text)
                    {
                        moved.Add((key, target, text));
                    }

                    break;
                default:
                    Unknown(item, key, "in rule", Misplaced.TryGetValue(key, out var home) ? $"; it belongs under {home}" : "");
                    break;
            }
        }

        alert = NullIfEmpty(alert);
        record = NullIfEmpty(record);
        (item.Kind, item.Name) = alert is not null ? (ReportKind.Alert, alert)
            : record is not null ? (ReportKind.Record, record)
            : (ReportKind.Rule, item.Name);

        foreach (var (key, target, value) in moved)
        {
            if (target == "annotations" && record is not null && alert is null)
            {
                Unknown(item, key, "in rule");
            }
            else if (target == "labels")
            {
                labels = Move(item, labels, key, value, target);
            }
            else
            {
                annotations = Move(item, annotations, key, value, target);
            }
        }

        if (alert is not null && record is not null)
        {
            item.Errors.Add("only one of 'record' and 'alert' must be set");
        }
        else if (alert is null && record is null && !badName)
        {
            item.Errors.Add("one of 'record' or 'alert' must be set");
        }

        if (string.IsNullOrWhiteSpace(expr) && !badExpr)
        {
            item.Errors.Add("field 'expr' must be set in rule");
        }

        if (record is not null && alert is null)
        {
            if (annotations.Count > 0)
            {
                item.Errors.Add("invalid field 'annotations' in recording rule");
            }

            CheckNoDuration(item, "for", @for);
            CheckNoDuration(item, "keep_firing_for", keepFiringFor);
        }

        Rule? rule = null;
        if (item.Errors.Count == 0)
        {
            rule = alert is not null
                ? new AlertingRule(alert, expr!, @for, keepFiringFor, labels, annotations)
                : new RecordingRule(record!, expr!, labels);
        }

        group.Rules.Add(new RuleDraft(item, _block, rule));
    }

    /// <summary>promtool only objects to a non-zero <c>for</c> on a recording rule; a zero one is dropped with a warning.</summary>
    private static void CheckNoDuration(ReportItem item, string field, PromDuration? value)
    {
        if (value is { TotalMilliseconds: > 0 })
        {
            item.Errors.Add($"invalid field '{field}' in recording rule");
        }
        else if (value is not null)
        {
            item.Warnings.Add($"'{field}: {value}' means nothing on a recording rule; dropped it");
        }
    }

    private static LabelMap Move(ReportItem item, LabelMap map, string key, string value, string target)
    {
        if (!map.TryGetValue(key, out var existing))
        {
            item.Warnings.Add($"{key} belongs under {target}; moved it there");
            return map.With(key, value);
        }

        item.Warnings.Add(existing == value
            ? $"{key} is given both beside expr and under {target}; kept the one under {target}"
            : $"{key} is given both beside expr (\"{value}\") and under {target} (\"{existing}\"); kept \"{existing}\"");
        return map;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
