using Bunit;
using Portal.Features.Runbooks;

namespace Portal.Tests.Unit.Features.Runbooks;

public class RunbookHistoryPageTests : RunbooksTestContext
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(string slug)
    {
        Navigation.NavigateTo($"/runbooks/{slug}/history");
        var cut = RenderPage<RunbookHistoryPage>((nameof(RunbookHistoryPage.Slug), slug));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    private void SeedThreeRevisions()
    {
        Store.Add("disk", "Disk full", "team-a", body: "one\ntwo\n");
        Store.ChangeBehindTheirBack("disk", "one\nzwei\n", by: "dora");
        Store.ChangeBehindTheirBack("disk", "one\nzwei\ndrei\n", by: "emil");
    }

    [Fact]
    public void History_ListsEveryRevision_AndDiffsTheNewestTwo()
    {
        SeedThreeRevisions();

        var cut = Open("disk");

        var rows = cut.FindAll("[data-testid=runbook-revision]");
        Assert.Equal(["3", "2", "1"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Contains("emil", rows[0].TextContent);
        Assert.Contains("their change", rows[0].TextContent);
        var added = cut.FindAll("[data-testid=runbook-diff] [data-kind=added]").Select(l => l.TextContent.Trim());
        Assert.Equal(["+ drei"], added);
    }

    [Fact]
    public async Task PickingTwoRevisions_DiffsThose()
    {
        SeedThreeRevisions();
        var cut = Open("disk");
        var from = cut.FindComponents<MudBlazor.MudSelect<int>>()[0];

        await cut.InvokeAsync(() => from.Instance.ValueChanged.InvokeAsync(1));

        cut.WaitForAssertion(() => Assert.Equal(["- two"], cut.FindAll("[data-testid=runbook-diff] [data-kind=removed]").Select(l => l.TextContent.Trim())));
        Assert.Equal(["+ zwei", "+ drei"], cut.FindAll("[data-testid=runbook-diff] [data-kind=added]").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public void Restore_MakesTheOldRevisionCurrent_AsANewOne()
    {
        SeedThreeRevisions();
        var cut = Open("disk");

        cut.FindAll("[data-testid=runbook-restore]").Last().Click();
        cut.WaitForAssertion(() => cut.FindAll(".mud-message-box__yes-button, .mud-dialog-actions button").Last().Click());

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=runbook-revision]").Count));
        var current = Store.Get("disk")!;
        Assert.Equal((4, "one\ntwo\n"), (current.Revision, current.Body));
    }

    [Fact]
    public void Restore_AfterSomeoneElsesChange_IsAConflict_AndTheHistoryReloads()
    {
        SeedThreeRevisions();
        var cut = Open("disk");
        Store.ChangeBehindTheirBack("disk", "someone else\n", by: "fritz");

        cut.FindAll("[data-testid=runbook-restore]").Last().Click();
        cut.WaitForAssertion(() => cut.FindAll(".mud-message-box__yes-button, .mud-dialog-actions button").Last().Click());

        cut.WaitForAssertion(() => Assert.Contains("someone changed the runbook", cut.Markup));
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=runbook-revision]").Count));
        Assert.Equal("someone else\n", Store.Get("disk")!.Body);
    }

    [Fact]
    public void AViewer_SeesTheRevisions_ButNoRestore()
    {
        SignIn("victor", "Viewer");
        SeedThreeRevisions();

        var cut = Open("disk");

        Assert.Equal(3, cut.FindAll("[data-testid=runbook-revision]").Count);
        Assert.Empty(cut.FindAll("[data-testid=runbook-restore]"));
    }
}
