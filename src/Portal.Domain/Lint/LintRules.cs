namespace Portal.Domain.Lint;

public static class LintRules
{
    /// <summary>The lint view of a rule read from a rule file.</summary>
    public static LintRule From(RuleFiles.Rule rule) => rule switch
    {
        RuleFiles.AlertingRule alert => new LintRule(RuleKind.Alerting, alert.Alert, alert.Expr, alert.For?.ToTimeSpan(), alert.Labels, alert.Annotations),
        _ => new LintRule(RuleKind.Recording, rule.Name, rule.Expr, null, rule.Labels),
    };

    /// <summary>Lints every rule of a file and the file as a whole.</summary>
    public static IReadOnlyList<(RuleFiles.Rule? Rule, LintFinding Finding)> LintFile(RuleFiles.RuleFile file, LintOptions? options = null)
    {
        var findings = new List<(RuleFiles.Rule?, LintFinding)>();
        foreach (var rule in file.Groups.SelectMany(g => g.Rules))
        {
            findings.AddRange(RuleLinter.Lint(From(rule), options).Select(f => ((RuleFiles.Rule?)rule, f)));
        }

        var groups = file.Groups.Select(g => (g.Name, (IReadOnlyList<LintRule>)g.Rules.Select(From).ToList()));
        findings.AddRange(RuleLinter.LintGroups(groups).Select(f => ((RuleFiles.Rule?)null, f)));
        findings.AddRange(file.Groups.SelectMany(g => RuleLinter.LintInterval(g.Name, g.Interval, options)).Select(f => ((RuleFiles.Rule?)null, f)));
        return findings;
    }
}
