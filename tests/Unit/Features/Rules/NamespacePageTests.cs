using Bunit;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

public class NamespacePageTests : RulesTestContext
{
    private (Guid Api, Guid Db, Guid Second) Seed()
    {
        var api = Store.AddGroup("payments", "api");
        Store.AddRule(api, FakeRuleStore.Alert("ApiErrors", "up == 0"));
        var second = Store.AddRule(api, FakeRuleStore.Alert("ApiSlow", "up == 0"));
        var db = Store.AddGroup("payments", "db");
        Store.AddRule(db, FakeRuleStore.Alert("DbDown", "up == 0"));
        return (api, db, second);
    }

    [Fact]
    public void NamespacePage_ShowsEachGroupWithItsRulesInOrder()
    {
        Seed();

        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=group-card]").Count));
        Assert.Equal(["ApiErrors", "ApiSlow", "DbDown"], cut.FindAll("[data-testid=group-rule] a").Select(a => a.TextContent.Trim()));
        Assert.Contains("2 groups, 3 rules", cut.Markup);
    }

    [Fact]
    public void UpButton_MovesTheRuleOnePlaceUp()
    {
        var (api, _, second) = Seed();
        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=group-rule]").Count));

        cut.FindAll("[data-testid=rule-up]")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal(["ApiSlow", "ApiErrors", "DbDown"], cut.FindAll("[data-testid=group-rule] a").Select(a => a.TextContent.Trim())));
        Assert.Equal((second, api, 0), Store.Moves.Single());
    }

    [Fact]
    public void MoveTo_SendsTheRuleToTheEndOfTheOtherGroup()
    {
        var (_, db, second) = Seed();
        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=group-rule]").Count));

        cut.FindAll("[data-testid=rule-move] button")[1].Click();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-menu-item"), i => i.TextContent.Trim() == "db"));
        cut.FindAll(".mud-menu-item").First(i => i.TextContent.Trim() == "db").Click();

        cut.WaitForAssertion(() => Assert.Equal(["ApiErrors", "DbDown", "ApiSlow"], cut.FindAll("[data-testid=group-rule] a").Select(a => a.TextContent.Trim())));
        Assert.Equal(second, Store.Moves.Single().Id);
        Assert.Equal(db, Store.Moves.Single().Group);
    }

    [Fact]
    public void NewGroup_WithABadInterval_IsRefusedAtTheField()
    {
        Seed();
        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=new-group-name]")));

        cut.Find("[data-testid=new-group-name]").Change("queues");
        cut.Find("[data-testid=new-group-interval]").Change("30 seconds");
        cut.Find("[data-testid=new-group-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("not a valid duration", cut.Find("[data-testid=new-group]").TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=group-card]").Count);
    }

    [Fact]
    public void NewGroup_IsAdded()
    {
        Seed();
        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=new-group-name]")));

        cut.Find("[data-testid=new-group-name]").Change("queues");
        cut.Find("[data-testid=new-group-interval]").Change("30s");
        cut.Find("[data-testid=new-group-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=group-card]").Count));
    }
}
