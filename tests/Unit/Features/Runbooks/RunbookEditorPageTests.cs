using Bunit;
using Portal.Domain.Catalog;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;
using Portal.Tests.Unit.Fakes;

namespace Portal.Tests.Unit.Features.Runbooks;

public class RunbookEditorPageTests : RunbooksTestContext
{
    public RunbookEditorPageTests() => SignIn("bea", "Editor", "team-a");

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(string? slug)
    {
        Navigation.NavigateTo(slug is null ? "/runbooks/new" : $"/runbooks/{slug}/edit");
        var cut = RenderPage<RunbookEditorPage>((nameof(RunbookEditorPage.Slug), slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=runbook-editor-body]")));
        return cut;
    }

    private static Task TypeBodyAsync(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string body)
    {
        var editor = cut.FindComponent<RunbookEditorPage>();
        return cut.InvokeAsync(() => editor.Instance.BodyChanged(new FakeJSStream(body)));
    }

    [Fact]
    public void NewRunbook_StartsFromTheDefaultTemplate_InTheUsersOnlyTeam()
    {
        var cut = Open(null);

        Assert.Equal(Store.Templates[0].Body, cut.Find("[data-testid=runbook-editor-body]").GetAttribute("value"));
        Assert.Contains("Summary", cut.Find("[data-testid=runbook-preview]").TextContent);
        Assert.Equal("team-a", cut.FindComponent<MudBlazor.MudSelect<string>>().Find("input").GetAttribute("value"));
    }

    [Fact]
    public void Slug_FollowsTheTitle_UntilTheUserEditsIt()
    {
        var cut = Open(null);

        cut.Find("[data-testid=runbook-title]").Input("Redis: memory pressure");
        cut.WaitForAssertion(() => Assert.Equal("redis-memory-pressure", cut.Find("[data-testid=runbook-slug]").GetAttribute("value")));
        cut.Find("[data-testid=runbook-slug]").Input("redis-oom");
        cut.Find("[data-testid=runbook-title]").Input("Redis: out of memory");

        cut.WaitForAssertion(() => Assert.Equal("redis-oom", cut.Find("[data-testid=runbook-slug]").GetAttribute("value")));
    }

    [Fact]
    public async Task Create_SavesWhatWasTyped_AndOpensTheRunbook()
    {
        var cut = Open(null);
        cut.Find("[data-testid=runbook-title]").Input("Disk full");
        await TypeBodyAsync(cut, "# Steps\nFree space.");
        cut.Find("[data-testid=runbook-reason]").Change("first version");

        cut.Find("[data-testid=runbook-save]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/runbooks/disk-full", Navigation.Uri));
        var saved = Store.Get("disk-full")!;
        Assert.Equal(("Disk full", "team-a", "# Steps\nFree space.", "bea"), (saved.Title, saved.Team, saved.Body, saved.UpdatedBy));
        Assert.Equal("first version", Store.Saved.Single().Reason);
        Assert.Null(Store.Saved.Single().Version);
    }

    [Fact]
    public async Task InvalidFields_AreMarkedAtTheField_AndTheInputStays()
    {
        var cut = Open(null);
        cut.Find("[data-testid=runbook-title]").Input("Disk full");
        cut.Find("[data-testid=runbook-slug]").Input("Disk Full!");
        await TypeBodyAsync(cut, "my careful steps");

        cut.Find("[data-testid=runbook-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("lower-case letters and digits", cut.Markup));
        Assert.Equal("Disk Full!", cut.Find("[data-testid=runbook-slug]").GetAttribute("value"));
        Assert.Equal("Disk full", cut.Find("[data-testid=runbook-title]").GetAttribute("value"));
        Assert.Contains("my careful steps", cut.Find("[data-testid=runbook-preview]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=runbook-editor-errors]"));
        Assert.EndsWith("/runbooks/new", Navigation.Uri);
    }

    [Fact]
    public async Task Conflict_ShowsBothVersions_AndKeepMine_SavesOverTheirs()
    {
        Store.Add("disk", "Disk full", "team-a", body: "line one\nline two\n");
        var cut = Open("disk");
        await TypeBodyAsync(cut, "line one\nmy line\n");
        var theirs = Store.ChangeBehindTheirBack("disk", "line one\ntheir line\n");

        cut.Find("[data-testid=runbook-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("their line", cut.Find("[data-testid=runbook-conflict-theirs]").TextContent));
        Assert.Contains("my line", cut.Find("[data-testid=runbook-conflict-mine]").TextContent);
        Assert.Contains("carol saved revision 2", cut.Find("[data-testid=runbook-conflict-dialog]").TextContent);
        cut.Find("[data-testid=runbook-conflict-keep-mine]").Click();

        cut.WaitForAssertion(() => Assert.Equal("line one\nmy line\n", Store.Get("disk")!.Body));
        Assert.Equal(theirs.Version, Store.Saved.Last().Version);
    }

    [Fact]
    public async Task Conflict_TakeTheirs_PutsTheirVersionIntoTheForm()
    {
        Store.Add("disk", "Disk full", "team-a", body: "mine before\n");
        var cut = Open("disk");
        await TypeBodyAsync(cut, "my text\n");
        Store.ChangeBehindTheirBack("disk", "their text\n");

        cut.Find("[data-testid=runbook-save]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=runbook-conflict-take-theirs]").Click());

        cut.WaitForAssertion(() => Assert.Equal("their text\n", cut.Find("[data-testid=runbook-editor-body]").GetAttribute("value")));
        Assert.Equal(2, Store.Get("disk")!.Revision);
        Assert.Single(Store.Saved);
    }

    [Fact]
    public void Forbidden_SaysWhy_AndKeepsTheForm()
    {
        Store.Add("disk", "Disk full", "team-a");
        Store.NextSave = _ => StoreResult<RunbookDetail>.Forbidden("This belongs to team team-a; bea is not a member any more.");
        var cut = Open("disk");
        cut.Find("[data-testid=runbook-title]").Input("Disk really full");

        cut.Find("[data-testid=runbook-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("not a member any more", cut.Find("[data-testid=runbook-editor-refused]").TextContent));
        Assert.Equal("Disk really full", cut.Find("[data-testid=runbook-title]").GetAttribute("value"));
    }

    [Fact]
    public async Task A200KbBody_ReachesThePreview_WithoutTheBoxSendingEveryKeystroke()
    {
        var big = string.Concat(Enumerable.Range(0, 5000).Select(i => $"Step {i}: check the replica lag and the disk.\n"));
        Assert.True(big.Length > 200_000);
        Store.Add("big", "Big", "team-a", body: "short");
        var cut = Open("big");

        // The box has no Blazor event handler at all: keystrokes stay in the browser (and its draft) until the pause.
        Assert.DoesNotContain(cut.Find("[data-testid=runbook-editor-body]").Attributes, a => a.Name.StartsWith("blazor:on", StringComparison.Ordinal));
        await TypeBodyAsync(cut, big);

        cut.WaitForAssertion(() => Assert.Contains("Step 4999", cut.Find("[data-testid=runbook-preview]").TextContent));
        cut.Find("[data-testid=runbook-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal(big, Store.Get("big")!.Body));
    }

    [Fact]
    public async Task ABodyOverOneMegabyte_IsRefusedHere_WithTheTextKept()
    {
        Store.Add("big", "Big", "team-a", body: "short");
        var cut = Open("big");
        var huge = new FakeJSStream(new string('x', RunbookDisplay.MaxBodyBytes + 1));

        await cut.InvokeAsync(() => cut.FindComponent<RunbookEditorPage>().Instance.BodyChanged(huge));
        cut.Find("[data-testid=runbook-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("at most 1,024 KB", cut.Find("[data-testid=runbook-body-help]").TextContent));
        Assert.False(huge.Opened);
        Assert.Empty(Store.Saved);
    }

    [Fact]
    public void AnotherTeamsRunbook_IsReadOnly_WithoutSave()
    {
        Store.Add("disk", "Disk full", "team-b");

        var cut = Open("disk");

        Assert.Contains("team-b", cut.Find("[data-testid=runbook-editor-read-only]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=runbook-save]"));
        Assert.True(cut.Find("[data-testid=runbook-editor-body]").HasAttribute("readonly"));
    }

    [Fact]
    public void SlugRules_MakeASuggestion_FromAnyTitle()
    {
        Assert.Equal("postgresql-replica-lag-30s", RunbookEditorPage.Suggested("PostgreSQL: replica lag > 30s!"));
        Assert.Equal("cafe-resume", RunbookEditorPage.Suggested("Café résumé"));
        Assert.Equal("", RunbookEditorPage.Suggested("   "));
    }
}
