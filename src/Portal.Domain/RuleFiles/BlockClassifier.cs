namespace Portal.Domain.RuleFiles;

/// <summary>
/// Tells rule-ish YAML from everything else people put in ```yaml blocks: maps of named PromQL queries
/// (read as recording rules) versus Prometheus, Alertmanager or docker-compose configuration (skipped).
/// Heuristics, kept conservative: a block wrongly taken for queries would put junk rules in the import.
/// </summary>
internal static class BlockClassifier
{
    private static readonly System.Buffers.SearchValues<char> OperatorStarts = System.Buffers.SearchValues.Create("([{/*<>+");

    private static readonly HashSet<string> RuleFields = new(StringComparer.Ordinal)
    {
        "alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations", "groups", "rules", "name",
    };

    // Words PromQL puts between two identifiers; any other pair of adjacent words is prose.
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool", "atan2",
    };

    /// <summary>
    /// A mapping whose keys all look like metric names and whose values all look like PromQL, at least
    /// one of them more than a bare name (so <c>image: nginx:latest</c> is not a query).
    /// </summary>
    public static bool IsQueryMap(YamlMapping mapping)
    {
        if (mapping.Entries.Count == 0)
        {
            return false;
        }

        var anyExpression = false;
        foreach (var (key, value) in mapping.Entries)
        {
            if (YamlMapping.KeyText(key) is not { } name || !PrometheusNames.IsValidMetricName(name) || RuleFields.Contains(name)
                || value is not YamlScalar { Kind: ScalarKind.String } scalar || !LooksLikePromQl(scalar.Value))
            {
                return false;
            }

            anyExpression |= scalar.Value.AsSpan().IndexOfAny(OperatorStarts) >= 0 || scalar.Value.Contains(" - ", StringComparison.Ordinal)
                || scalar.Value.Contains("==", StringComparison.Ordinal) || scalar.Value.Contains("!=", StringComparison.Ordinal);
        }

        return anyExpression;
    }

    public static bool LooksLikePromQl(string text)
    {
        var value = text.Trim();
        if (value.Length == 0 || PromDuration.TryParse(value, out _) || value.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }

        char? quote = null;
        var depth = 0;
        string? previousWord = null;
        var index = 0;
        while (index < value.Length)
        {
            var c = value[index];
            if (quote is { } open)
            {
                if (c == '\\' && open != '`')
                {
                    index++;
                }
                else if (c == open)
                {
                    quote = null;
                }

                index++;
                continue;
            }

            if (c is '"' or '\'' or '`')
            {
                quote = c;
                previousWord = null;
                index++;
                continue;
            }

            if (c > '~' || (char.IsControl(c) && c is not ('\n' or '\t' or '\r')) || c is ';' or '$' or '?' or '&' or '|' or '\\')
            {
                return false;
            }

            // Matchers and ranges hold label values and durations, not the words we are checking.
            if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (depth == 0 && (char.IsAsciiLetter(c) || c is '_' or ':'))
            {
                var start = index;
                while (index < value.Length && (char.IsAsciiLetterOrDigit(value[index]) || value[index] is '_' or ':'))
                {
                    index++;
                }

                var word = value[start..index];
                if (previousWord is not null && !Keywords.Contains(previousWord) && !Keywords.Contains(word))
                {
                    return false;
                }

                previousWord = word;
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                previousWord = null;
            }

            index++;
        }

        return true;
    }

    /// <summary>Why a document holds no rules, in words a user recognises.</summary>
    public static string DescribeNonRules(YamlNode? root)
    {
        switch (root)
        {
            case null:
            case YamlScalar { IsNull: true }:
                return "empty, nothing to import";
            case YamlScalar:
                return "plain text, not rules";
            case YamlSequence sequence:
                return sequence.Items.OfType<YamlMapping>().Any(m => m.Has("job_name"))
                    ? "Prometheus scrape configuration, not rules"
                    : "a list with no rules in it";
            case YamlMapping mapping:
                var keys = mapping.Entries.Select(e => YamlMapping.KeyText(e.Key)).OfType<string>().ToHashSet(StringComparer.Ordinal);
                if (keys.Contains("kind") && mapping.Get("kind") is YamlScalar kind)
                {
                    return $"a Kubernetes {kind.Value} manifest, not a PrometheusRule";
                }

                if (keys.Overlaps(["scrape_configs", "rule_files", "alerting", "remote_write", "remote_read", "global", "scrape_interval", "evaluation_interval", "storage"]))
                {
                    return "Prometheus configuration, not rules";
                }

                if (keys.Overlaps(["route", "receivers", "inhibit_rules", "templates"]))
                {
                    return "Alertmanager configuration, not rules";
                }

                if (keys.Contains("services") || mapping.Entries.Any(e => e.Value is YamlMapping m && (m.Has("image") || m.Has("deploy") || m.Has("environment"))))
                {
                    return "a docker-compose file, not rules";
                }

                if (keys.Overlaps(["panels", "dashboard", "templating"]))
                {
                    return "a dashboard, not rules";
                }

                var shown = string.Join(", ", keys.Take(5)) + (keys.Count > 5 ? ", ..." : "");
                return $"no rules in it (keys: {shown})";
            default:
                return "no rules in it";
        }
    }
}
