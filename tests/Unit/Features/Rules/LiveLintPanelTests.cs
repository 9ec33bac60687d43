using Bunit;
using Portal.Domain.Lint;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

public class LiveLintPanelTests : RulesTestContext
{
    [Fact]
    public void Panel_AsksOnlyAboutTheLastTextAfterTypingStops_AndShowsTheFindings()
    {
        LiveLinter.Findings = [LiveLint.UnknownMetric("upp", new LiveSelector("upp", [], new(0, 3)), ["up"], TimeSpan.FromDays(7))];
        var cut = Render<LiveLintPanel>(p => p.Add(x => x.Expression, "u"));
        cut.Render(p => p.Add(x => x.Expression, "up"));
        cut.Render(p => p.Add(x => x.Expression, "upp"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=live-finding]")), TimeSpan.FromSeconds(5));

        Assert.Equal("upp", Assert.Single(LiveLinter.Asked).Expression);
        Assert.Contains("did you mean up?", cut.Find("[data-testid=live-finding]").TextContent);
        Assert.Contains("line 1, column 1", cut.Find("[data-testid=live-finding]").TextContent);
    }

    [Fact]
    public void Panel_WithWhereTheRuleIsPublished_AsksForItsEvaluationErrors()
    {
        var cut = Render<LiveLintPanel>(p => p
            .Add(x => x.Expression, "up == 0").Add(x => x.Namespace, "payments").Add(x => x.Group, "api").Add(x => x.RuleName, "TargetDown"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-lint-clean]")), TimeSpan.FromSeconds(5));

        Assert.Equal(new Portal.Infrastructure.Lint.LiveRuleRef("payments", "api", "TargetDown"), Assert.Single(LiveLinter.Asked).Rule);
    }
}
