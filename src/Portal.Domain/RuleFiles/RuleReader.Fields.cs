using System.Globalization;

namespace Portal.Domain.RuleFiles;

/// <summary>Reading single fields: each reader reports what is wrong with the value on the item and returns what it could read.</summary>
internal sealed partial class RuleReader
{
    /// <summary>
    /// The entries of a mapping with YAML merge keys (<c>&lt;&lt;: *defaults</c>) applied. A repeated key
    /// is an error worded as Prometheus' YAML library words it; the first occurrence is kept.
    /// </summary>
    private List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(IEnumerable<(YamlNode Key, YamlNode Value)> raw, ReportItem item)
    {
        var result = new List<(string, YamlNode, YamlNode)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var merges = new List<YamlNode>();
        foreach (var (keyNode, value) in raw)
        {
            if (keyNode is YamlScalar { Value: "<<", Style: YamlDotNet.Core.ScalarStyle.Plain })
            {
                merges.Add(value);
                continue;
            }

            if (YamlMapping.KeyText(keyNode) is not { } key)
            {
                item.Errors.Add($"a key at line {Line(keyNode)} is {keyNode.Describe()}; keys must be text");
                continue;
            }

            if (seen.TryGetValue(key, out var first))
            {
                item.Errors.Add($"mapping key \"{key}\" already defined at line {first}");
                continue;
            }

            seen[key] = Line(keyNode);
            result.Add((key, keyNode, value));
        }

        foreach (var merge in merges)
        {
            var sources = merge is YamlSequence list ? list.Items : [merge];
            foreach (var source in sources)
            {
                if (source is not YamlMapping mapping)
                {
                    item.Errors.Add($"a merge key (<<) at line {Line(source)} must refer to a mapping, found {source.Describe()}");
                    continue;
                }

                // Explicit keys win over merged ones, and earlier merges over later ones (YAML's merge rules).
                foreach (var (key, keyNode, value) in Entries(mapping.Entries, item))
                {
                    if (seen.TryAdd(key, Line(keyNode)))
                    {
                        result.Add((key, keyNode, value));
                    }
                }
            }
        }

        return result;
    }

    private void Unknown(ReportItem item, string key, string where, string hint = "")
    {
        if (options.Strict)
        {
            item.Errors.Add($"unknown field '{key}' {where}{hint}");
        }
        else
        {
            item.Warnings.Add($"unknown field '{key}' {where} was ignored{hint}");
        }
    }

    private static string? ReadText(YamlNode value, ReportItem item, string field)
    {
        if (value is YamlScalar scalar)
        {
            return scalar.IsNull ? null : scalar.Value;
        }

        item.Errors.Add($"field '{field}' must be a string, found {value.Describe()}");
        return null;
    }

    private static PromDuration? ReadDuration(YamlNode value, ReportItem item, string field)
    {
        if (value is not YamlScalar scalar)
        {
            item.Errors.Add($"field '{field}' must be a duration such as 5m, found {value.Describe()}");
            return null;
        }

        if (scalar.IsNull)
        {
            return null;
        }

        if (PromDuration.TryParse(scalar.Value, out var duration, out var error))
        {
            return duration;
        }

        item.Errors.Add($"invalid '{field}': {error}");
        return null;
    }

    private static int? ReadLimit(YamlNode value, ReportItem item)
    {
        if (value is YamlScalar { IsNull: true })
        {
            return null;
        }

        if (value is not YamlScalar scalar || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            var found = value is YamlScalar text ? $"\"{text.Value}\"" : value.Describe();
            item.Errors.Add($"field 'limit' must be a whole number, found {found}");
            return null;
        }

        if (limit < 0)
        {
            item.Warnings.Add($"limit {limit} is negative, which Prometheus treats as no limit; imported as no limit");
            return null;
        }

        return limit;
    }

    private LabelMap ReadLabelMap(YamlNode value, ReportItem item, string what, string field)
    {
        if (value is YamlScalar { IsNull: true })
        {
            return LabelMap.Empty;
        }

        if (value is not YamlMapping mapping)
        {
            item.Errors.Add($"{field} must be a mapping of names to values, found {value.Describe()}");
            return LabelMap.Empty;
        }

        var entries = new List<KeyValuePair<string, string>>();
        foreach (var (name, _, node) in Entries(mapping.Entries, item))
        {
            if (ReadLabelValue(node, item, name, what) is { } text)
            {
                entries.Add(KeyValuePair.Create(name, text));
            }
        }

        return LabelMap.From(entries);
    }

    /// <summary>
    /// Prometheus reads any scalar as label text, so <c>priority: 1</c> works there; the portal keeps
    /// it too, but says so, because the author may have meant something typed.
    /// </summary>
    private static string? ReadLabelValue(YamlNode node, ReportItem item, string name, string what)
    {
        switch (node)
        {
            case YamlScalar { Kind: ScalarKind.String } scalar:
                return scalar.Value;
            case YamlScalar { Kind: ScalarKind.Null }:
                item.Warnings.Add($"{what} {name} has no value; imported as an empty string");
                return "";
            case YamlScalar scalar:
                item.Warnings.Add($"{what} {name}: {scalar.Describe()} was imported as the string \"{scalar.Value}\"");
                return scalar.Value;
            default:
                item.Errors.Add($"{what} {name}: value must be a string, found {node.Describe()}");
                return null;
        }
    }
}
