using Bunit;
using Portal.Components.Shared;
using Portal.Features.Rules;
using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Unit.Features.Rules;

public class RuleEditorLiveChangesTests : RulesTestContext
{
    private static ChangeNotice Saved(Guid id, uint revision, string actor = "bob") =>
        new(ChangeKinds.Rule, id.ToString(), actor, "replica-2", new DateTimeOffset(2026, 12, 5, 12, 3, 0, TimeSpan.Zero), revision.ToString());

    [Fact]
    public async Task ASaveElsewhere_OfTheOpenRule_ShowsWhoWhereAndWhen_AndKeepsWhatTheUserTyped()
    {
        var id = SeedUpAlert();
        var cut = OpenRuleEditor(id);
        cut.Find("[data-testid=editor-name]").Input("ApiErrorsRenamed");
        cut.WaitForAssertion(() => Assert.Contains("unsaved changes", cut.Markup));
        var held = (await Store.GetAsync(id, default))!.Version;

        await cut.InvokeAsync(() => Changes.PublishAsync(Saved(id, held + 7)));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-changed]")));
        var text = cut.Find("[data-testid=live-changed]").TextContent;
        Assert.Contains("Changed by bob on replica-2 at", text);
        Assert.Contains("reload to see it", text);
        Assert.Equal("ApiErrorsRenamed", cut.Find("[data-testid=editor-name]").GetAttribute("value"));
        Assert.Contains("unsaved changes", cut.Markup);
    }

    [Fact]
    public async Task ASaveOfAnotherRule_SaysNothing()
    {
        var open = SeedUpAlert();
        var other = SeedUpAlert("Other");
        var cut = OpenRuleEditor(open);

        await cut.InvokeAsync(() => Changes.PublishAsync(Saved(other, 99)));
        await cut.InvokeAsync(() => Changes.PublishAsync(Saved(open, 99) with { Kind = ChangeKinds.Runbook }));

        Assert.Empty(cut.FindAll("[data-testid=live-changed]"));
    }

    [Fact]
    public async Task TheEditorsOwnSave_SaysNothing()
    {
        var id = SeedUpAlert();
        var cut = OpenRuleEditor(id);
        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");
        cut.Find("[data-testid=editor-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Saved version 2", cut.Markup));
        var saved = (await Store.GetAsync(id, default))!;

        // What the store announces after that save: the version the editor now holds.
        await cut.InvokeAsync(() => Changes.PublishAsync(Saved(id, saved.Version, actor: "tester")));

        Assert.Empty(cut.FindAll("[data-testid=live-changed]"));
    }

    [Fact]
    public async Task TheNoticeOfAnEarlierOwnSave_ArrivingAfterALaterOne_SaysNothing()
    {
        // Two saves in a row (an incident moved through its statuses): the first one's notice can reach the page after
        // it already holds the second version. It is this editor's own change, not someone else's.
        var id = SeedUpAlert();
        var cut = OpenRuleEditor(id);
        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");
        cut.Find("[data-testid=editor-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Saved version 2", cut.Markup));
        var first = (await Store.GetAsync(id, default))!.Version;
        cut.Find("[data-testid=editor-threshold-value]").Change("0.2");
        cut.Find("[data-testid=editor-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Saved version 3", cut.Markup));
        var second = (await Store.GetAsync(id, default))!.Version;
        Assert.NotEqual(first, second);

        await cut.InvokeAsync(() => Changes.PublishAsync(Saved(id, second, actor: "tester")));
        await cut.InvokeAsync(() => Changes.PublishAsync(Saved(id, first, actor: "tester")));

        Assert.Empty(cut.FindAll("[data-testid=live-changed]"));

        // Someone else's save after those is still told.
        await cut.InvokeAsync(() => Changes.PublishAsync(Saved(id, second + 5)));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-changed]")));
    }

    [Fact]
    public async Task FeedNotConnected_SaysLiveUpdatesArePaused_QuietlyAndUntilItIsBack()
    {
        var cut = OpenRuleEditor(SeedUpAlert());
        Assert.Empty(cut.FindAll("[data-testid=live-paused]"));

        await cut.InvokeAsync(() => Changes.SetConnected(false));

        cut.WaitForAssertion(() => Assert.Contains("Live updates are paused", cut.Find("[data-testid=live-paused]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=page-failed]"));
        await cut.InvokeAsync(() => Changes.SetConnected(true));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=live-paused]")));
    }

    [Fact]
    public async Task LeavingTheEditor_Unsubscribes()
    {
        var cut = OpenRuleEditor(SeedUpAlert());
        Assert.Equal(1, Changes.Subscribers);

        await DisposeComponentsAsync();

        Assert.Equal(0, Changes.Subscribers);
    }
}
