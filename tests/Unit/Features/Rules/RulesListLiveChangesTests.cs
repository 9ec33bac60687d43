using Bunit;
using Portal.Features.Rules;
using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Unit.Features.Rules;

public class RulesListLiveChangesTests : RulesTestContext
{
    [Fact]
    public async Task ARuleAddedElsewhere_AppearsInTheOpenList()
    {
        var api = Store.AddGroup("payments", "api");
        Store.AddRule(api, FakeRuleStore.Alert("ApiErrors", "up == 0"));
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=rule-link]")));

        var added = Store.AddRule(api, FakeRuleStore.Alert("ApiSlow", "up == 0"));
        for (var i = 0; i < 5; i++)
        {
            await cut.InvokeAsync(() => Changes.PublishAsync(new ChangeNotice(ChangeKinds.Rule, added.ToString(), "bob", "replica-2", DateTimeOffset.UtcNow)));
        }

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=rule-link]").Count));
    }

    [Fact]
    public async Task ABurstOfChanges_ReloadsTheListOnceAtOnceAndOnceForTheRest()
    {
        var api = Store.AddGroup("payments", "api");
        Store.AddRule(api, FakeRuleStore.Alert("ApiErrors", "up == 0"));
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=rule-link]")));
        var queriesBefore = Store.Queries.Count;

        for (var i = 0; i < 20; i++)
        {
            var added = Store.AddRule(api, FakeRuleStore.Alert($"Imported{i}", "up == 0"));
            await cut.InvokeAsync(() => Changes.PublishAsync(new ChangeNotice(ChangeKinds.Rule, added.ToString(), "bob", "replica-2", DateTimeOffset.UtcNow)));
        }

        // The trailing reload comes about a second after the first and shows every rule of the burst.
        cut.WaitForAssertion(() => Assert.Equal(21, cut.FindAll("[data-testid=rule-link]").Count), TimeSpan.FromSeconds(5));
        await Task.Delay(1500);
        Assert.Equal(2, Store.Queries.Count - queriesBefore);
    }

    [Fact]
    public async Task AChangeOfAnotherKind_DoesNotReloadTheList()
    {
        Store.AddRule(Store.AddGroup("payments", "api"), FakeRuleStore.Alert("ApiErrors", "up == 0"));
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=rule-link]")));
        var queriesBefore = Store.Queries.Count;

        await cut.InvokeAsync(() => Changes.PublishAsync(new ChangeNotice(ChangeKinds.Runbook, "api-errors", "bob", "replica-2", DateTimeOffset.UtcNow)));
        await Task.Delay(100);

        Assert.Equal(queriesBefore, Store.Queries.Count);
    }
}
