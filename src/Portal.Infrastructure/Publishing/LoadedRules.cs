using Portal.Domain.PromQl;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Compares published files with Prometheus' /api/v1/rules: groups by name and order, rules by name,
/// kind and expression meaning (<see cref="ExpressionEquivalence"/>), so Prometheus' own spelling of an
/// expression never reads as a difference.
/// </summary>
internal static class LoadedRules
{
    public static ILookup<string, LoadedRuleGroup> ByFile(IReadOnlyList<LoadedRuleGroup> groups) =>
        groups.ToLookup(g => Path.GetFileName(g.File), StringComparer.Ordinal);

    /// <param name="file">The published file, or null when it was removed and its rules must be gone.</param>
    /// <param name="fileName">The file's name in the target's directory.</param>
    public static LoadedCheck Check(string @namespace, ReleaseFile? file, string fileName, ILookup<string, LoadedRuleGroup> loaded, Func<ReleaseFile, RuleFile> parse)
    {
        var groups = loaded[fileName].ToList();
        if (file is null)
        {
            return groups.Count == 0 ? LoadedCheck.Ok : new LoadedCheck(false, $"the rules of {fileName} (namespace {@namespace}) are still loaded after its removal.");
        }

        var expected = parse(file).Groups;
        if (groups.Count == 0)
        {
            return expected.Length == 0 ? LoadedCheck.Ok : new LoadedCheck(false, $"no group of {fileName} (namespace {@namespace}) is loaded.");
        }

        foreach (var want in expected)
        {
            var group = groups.FirstOrDefault(g => g.Name == want.Name);
            if (group is null)
            {
                return Differs(@namespace, $"group \"{want.Name}\" is not among the {groups.Count} groups Prometheus loaded from {fileName}.");
            }

            if (group.Rules.Count != want.Rules.Length)
            {
                return Differs(@namespace, $"group \"{want.Name}\" has {group.Rules.Count} rules loaded, {want.Rules.Length} published.");
            }

            for (var i = 0; i < want.Rules.Length; i++)
            {
                var (rule, have) = (want.Rules[i], group.Rules[i]);
                var kind = rule is AlertingRule ? "alerting" : "recording";
                if (rule.Name != have.Name || !string.Equals(kind, have.Type, StringComparison.OrdinalIgnoreCase))
                {
                    return Differs(@namespace, $"rule {i + 1} of group \"{want.Name}\" is loaded as {have.Type} rule {have.Name}, published as {kind} rule {rule.Name}.");
                }

                var comparison = ExpressionEquivalence.Compare(rule.Expr, have.Query);
                if (!comparison.Same)
                {
                    return Differs(@namespace, $"rule {rule.Name} of group \"{want.Name}\" differs: loaded as {comparison.Loaded}, published as {comparison.Published}.");
                }
            }
        }

        if (groups.Count != expected.Length)
        {
            var extra = groups.Select(g => g.Name).Except(expected.Select(g => g.Name)).FirstOrDefault();
            return Differs(@namespace, $"Prometheus loaded {groups.Count} groups from {fileName}, {expected.Length} published" + (extra is null ? "." : $" (\"{extra}\" is not published)."));
        }

        return LoadedCheck.Ok;
    }

    private static LoadedCheck Differs(string @namespace, string what) => new(true, $"Namespace {@namespace} loaded, but {what}");
}
