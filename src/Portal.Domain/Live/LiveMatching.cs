namespace Portal.Domain.Live;

/// <summary>
/// Ties the rules a target evaluates to the rules the portal published: a group loaded from a file the
/// target verifiably holds for a namespace is the portal's, and its rules are matched by name and by
/// which rule of that name they are in the group. Everything else the target evaluates is not the portal's.
/// </summary>
public static class LiveMatching
{
    public static IReadOnlyList<MatchedRule> Match(string target, IReadOnlyList<EvaluatedGroup> groups, IReadOnlyList<PublishedFile> files)
    {
        var byFile = new Dictionary<string, PublishedFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            byFile[file.FileName] = file;
        }

        var matched = new List<MatchedRule>();
        foreach (var group in groups)
        {
            var published = byFile.GetValueOrDefault(FileName(group.File));
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var rule in group.Rules)
            {
                var occurrence = seen[rule.Name] = seen.GetValueOrDefault(rule.Name) + 1;
                var key = published is null ? null : new PublishedRuleKey(published.Namespace, group.Name, rule.Name, occurrence);
                matched.Add(new MatchedRule(target, group.Name, group.File, rule, key, published));
            }
        }

        return matched;
    }

    /// <summary>The file's name without its directory: Prometheus reports the path it read, the portal knows the name it wrote.</summary>
    public static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>
    /// The published key of every enabled stored rule (disabled rules are not in the files, so they do not
    /// count as an occurrence). <paramref name="rules"/> must be in namespace, group and position order.
    /// </summary>
    public static IReadOnlyDictionary<PublishedRuleKey, CatalogRule> Index(IEnumerable<CatalogRule> rules)
    {
        var index = new Dictionary<PublishedRuleKey, CatalogRule>();
        var seen = new Dictionary<(string, string, string), int>();
        foreach (var rule in rules)
        {
            if (!rule.Enabled)
            {
                continue;
            }

            var name = (rule.Namespace, rule.Group, rule.Name);
            var occurrence = seen[name] = seen.GetValueOrDefault(name) + 1;
            index[new PublishedRuleKey(rule.Namespace, rule.Group, rule.Name, occurrence)] = rule;
        }

        return index;
    }

    /// <summary>The key a stored rule was published under, or null when it is disabled (and so not published).</summary>
    public static PublishedRuleKey? KeyOf(CatalogRule rule, IEnumerable<CatalogRule> sameGroupInOrder)
    {
        if (!rule.Enabled)
        {
            return null;
        }

        var occurrence = 0;
        foreach (var other in sameGroupInOrder)
        {
            if (other.Enabled && other.Name == rule.Name)
            {
                occurrence++;
            }

            if (other.Id == rule.Id)
            {
                return new PublishedRuleKey(rule.Namespace, rule.Group, rule.Name, occurrence);
            }
        }

        return null;
    }
}
