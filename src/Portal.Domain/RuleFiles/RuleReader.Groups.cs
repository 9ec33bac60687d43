namespace Portal.Domain.RuleFiles;

/// <summary>Reading groups: a group's problems fail the whole group, but its rules are still read so each gets its own line.</summary>
internal sealed partial class RuleReader
{
    private void ReadGroupList(YamlNode? node, bool loose)
    {
        switch (node)
        {
            case null or YamlScalar { IsNull: true }:
                return;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    switch (sequence.Items[i])
                    {
                        case YamlScalar { IsNull: true }:
                            _block.Warnings.Add($"entry {i + 1} of groups is empty and was ignored");
                            break;
                        case YamlMapping group:
                            ReadGroup(group, fallbackName: loose ? options.DefaultGroupName : null);
                            break;
                        case var other:
                            _block.Errors.Add($"entry {i + 1} of groups (line {Line(other)}) is {other.Describe()}, not a group");
                            break;
                    }
                }

                return;
            default:
                _block.Errors.Add($"groups must be a list of groups, found {node.Describe()} (line {Line(node)})");
                return;
        }
    }

    private void ReadGroup(YamlMapping mapping, string? fallbackName)
    {
        var group = new GroupBeingRead(Add(new ReportItem(ReportKind.Group, "", Line(mapping), Column(mapping))));
        var item = group.Item;
        YamlNode? rules = null;
        string? name = null;
        foreach (var (key, _, value) in Entries(mapping.Entries, item))
        {
            switch (key)
            {
                case "name":
                    name = ReadText(value, item, "name");
                    break;
                case "interval":
                    group.Interval = ReadDuration(value, item, "interval");
                    if (options.MinimumGroupInterval is { } minimum && GroupIntervals.BelowMinimum(group.Interval, minimum) is { } low)
                    {
                        item.Errors.Add($"{low} (line {Line(value)})");
                    }
                    break;
                case "limit":
                    group.Limit = ReadLimit(value, item);
                    break;
                case "rules":
                    rules = value;
                    break;
                default:
                    Unknown(item, key, "in group");
                    break;
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            if (fallbackName is not null)
            {
                name = fallbackName;
                item.Warnings.Add($"the group has no name; named it \"{name}\"");
            }
            else
            {
                item.Errors.Add("group name must not be empty");
            }
        }

        group.Name = name;
        item.Name = string.IsNullOrEmpty(name) ? "(unnamed group)" : name;
        _groups.Add(group);
        switch (rules)
        {
            case null or YamlScalar { IsNull: true }:
                break;
            case YamlSequence sequence:
                foreach (var rule in sequence.Items)
                {
                    ReadRuleListItem(rule, group);
                }

                break;
            default:
                item.Errors.Add($"rules must be a list of rules, found {rules.Describe()}");
                break;
        }
    }

    private void ReadRuleListItem(YamlNode node, GroupBeingRead group)
    {
        switch (node)
        {
            case YamlScalar { IsNull: true }:
                group.Item.Warnings.Add($"an empty entry in rules (line {Line(node)}) was ignored");
                break;
            case YamlMapping mapping:
                ReadRule(mapping.Entries, mapping, group);
                break;
            default:
                var item = Add(new ReportItem(ReportKind.Rule, $"rule {group.Rules.Count + 1}", Line(node), Column(node)));
                item.Errors.Add($"a rule must be a mapping with alert or record, expr, ...; found {node.Describe()}");
                group.Rules.Add(new RuleDraft(item, _block, null));
                break;
        }
    }
}
