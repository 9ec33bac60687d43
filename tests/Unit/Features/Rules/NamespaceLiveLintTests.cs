using Bunit;
using Portal.Domain.Lint;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

public class NamespaceLiveLintTests : RulesTestContext
{
    [Fact]
    public void CheckAllRules_ListsEachRuleWithFindings_WithoutTheSizeInfos()
    {
        var api = Store.AddGroup("payments", "api");
        Store.AddRule(api, FakeRuleStore.Alert("ApiErrors", "upp == 0"));
        Store.AddRule(api, FakeRuleStore.Alert("ApiSlow", "up == 0"));
        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=namespace-live-lint-run]")));
        LiveLinter.Findings = [LiveLint.Evaluation(1, TimeSpan.FromMilliseconds(3))];

        cut.Find("[data-testid=namespace-live-lint-run]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2 rules checked: nothing to report.", cut.Find("[data-testid=namespace-live-lint-summary]").TextContent));
        Assert.Equal(["ApiErrors", "ApiSlow"], LiveLinter.Asked.Select(a => a.Rule!.Name).Order());
        Assert.All(LiveLinter.Asked, a => Assert.Equal(("payments", "api"), (a.Rule!.Namespace, a.Rule.Group)));
    }

    [Fact]
    public void CheckAllRules_ShowsTheWarningsUnderTheRule()
    {
        var api = Store.AddGroup("payments", "api");
        Store.AddRule(api, FakeRuleStore.Alert("ApiErrors", "upp == 0"));
        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=namespace-live-lint-run]")));
        LiveLinter.Findings = [LiveLint.UnknownMetric("upp == 0", new LiveSelector("upp", [], new(0, 3)), ["up"], TimeSpan.FromDays(7))];

        cut.Find("[data-testid=namespace-live-lint-run]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=namespace-live-lint-rule]")));
        var rule = cut.Find("[data-testid=namespace-live-lint-rule]").TextContent;
        Assert.Contains("ApiErrors", rule);
        Assert.Contains("did you mean up?", rule);
        Assert.Contains("line 1, column 1", rule);
    }
}
