using Bunit;
using Bunit.Rendering;
using Portal.Components.Shared;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

public class RuleHistoryTests : RulesTestContext
{
    private const string ErrorRatio = "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05";

    private (Guid Id, IRenderedComponent<ContainerFragment> Cut) OpenHistoryOfARuleWithTwoVersions()
    {
        var group = Store.AddGroup("payments", "api");
        var id = Store.AddRule(group, FakeRuleStore.Alert("ApiErrors", ErrorRatio));
        Store.ChangeBehindTheScenes(id, c => c.WithThreshold(0.2), actor: "bob");
        Navigation.NavigateTo($"/rules/{id}");
        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=editor-yaml]")));

        cut.FindAll(".mud-tab").First(t => t.TextContent.Contains("History")).Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=history-version]").Count));
        return (id, cut);
    }

    [Fact]
    public void History_ListsTheVersions_NewestFirst_WithWhoAndReason()
    {
        var (_, cut) = OpenHistoryOfARuleWithTwoVersions();

        var rows = cut.FindAll("[data-testid=history-version]").Select(r => r.TextContent).ToList();
        Assert.StartsWith("2", rows[0].Trim());
        Assert.Contains("bob", rows[0]);
        Assert.Contains("changed elsewhere", rows[0]);
        Assert.Contains("current", rows[0]);
        Assert.Contains("alice", rows[1]);
    }

    [Fact]
    public void History_DiffsThePreviousVersionAgainstTheCurrentOne()
    {
        var (_, cut) = OpenHistoryOfARuleWithTwoVersions();

        Assert.Contains("> 0.05", cut.Find("[data-testid=history-diff] .diff-view__line--removed").TextContent);
        Assert.Contains("> 0.2", cut.Find("[data-testid=history-diff] .diff-view__line--added").TextContent);
        Assert.Contains("- alert: ApiErrors", string.Concat(cut.FindAll("[data-testid=history-diff] [data-kind=unchanged]").Select(l => l.TextContent)));
    }

    [Fact]
    public void History_ShowsTheThresholdChange()
    {
        var (_, cut) = OpenHistoryOfARuleWithTwoVersions();

        var change = cut.Find("[data-testid=threshold-change]").TextContent;
        Assert.Contains("> 0.05 → > 0.2", change);
        Assert.Contains("bob", change);
    }

    [Fact]
    public void Restore_AfterConfirmation_MakesTheOldContentCurrentAsANewVersion()
    {
        var (id, cut) = OpenHistoryOfARuleWithTwoVersions();

        cut.Find("[data-testid=history-restore]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Restore version 1?", cut.Markup));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Restore").Click();

        cut.WaitForAssertion(() => Assert.Contains("Restored version 1 as version 3", cut.Markup));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=history-version]").Count));
        cut.FindAll(".mud-tab").First(t => t.TextContent.Contains("Rule")).Click();
        cut.WaitForAssertion(() => Assert.Equal(ErrorRatio, cut.FindComponent<PromQlEditor>().Instance.Value));
    }
}
