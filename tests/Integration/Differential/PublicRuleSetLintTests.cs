using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Differential;

/// <summary>
/// An error-level lint finding holds a namespace back at publish, so it must never fire on a sound rule.
/// The public rule corpus (<see cref="PublicRuleCorpus"/>: promtool accepts it, see PublicRulePromtoolTests) is
/// the proof: none of its rules may get an error.
/// </summary>
public sealed class PublicRuleSetLintTests(ITestOutputHelper output)
{
    [Fact]
    public void PublicRuleSets_GetNoErrorLevelFinding()
    {
        var sound = PublicRuleCorpus.Rules.Where(r => r.Defect is null).ToList();
        var expressions = sound.Select(r => r.Expression).Distinct(StringComparer.Ordinal).Count();
        Assert.True(sound.Count >= 1_000 && expressions >= 1_000, $"only {sound.Count} sound public rules ({expressions} distinct expressions) in the corpus");

        var errors = new List<string>();
        foreach (var rule in sound)
        {
            errors.AddRange(RuleLinter.Lint(PublicRuleCorpus.ToLintRule(rule))
                .Where(f => f.Severity == LintSeverity.Error)
                .Select(f => $"{f.Id}: {f.Message}\n    {rule.Name} ({rule.Source}): {rule.Expression}"));
        }

        var sources = sound.Select(r => r.Source.Split(' ')[0]).Distinct().Count();
        output.WriteLine($"{sound.Count} sound public rules ({expressions} distinct expressions, {sources} repositories) linted; {errors.Count} error-level findings");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>The rules the corpus marks as broken in their sources are caught: the checks are not silent, only right.</summary>
    [Fact]
    public void DefectivePublicRules_GetAnErrorLevelFinding()
    {
        var defective = PublicRuleCorpus.Rules.Where(r => r.Defect is not null).ToList();

        Assert.NotEmpty(defective);
        Assert.All(defective, rule => Assert.Contains(RuleLinter.Lint(PublicRuleCorpus.ToLintRule(rule)), f => f.Severity == LintSeverity.Error));
    }
}
