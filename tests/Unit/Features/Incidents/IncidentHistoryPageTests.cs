using Portal.Domain.Incidents;
using Bunit;
using Portal.Features.Incidents;
using Portal.Infrastructure.Incidents;

namespace Portal.Tests.Unit.Features.Incidents;

public class IncidentHistoryPageTests : IncidentsTestContext
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Guid id)
    {
        Navigation.NavigateTo(Portal.Components.PortalRoutes.IncidentHistoryFor(id));
        var cut = RenderPage<IncidentHistoryPage>((nameof(IncidentHistoryPage.Id), id));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    /// <summary>Revision 1 as started, 2 and 3 by someone else: "one/two" → "one/zwei" → "one/zwei/drei".</summary>
    private IncidentDetail SeedThreeRevisions()
    {
        var incident = Store.Add("Checkout errors");
        Store.ChangeBehindTheScenes(incident.Id, "one\nzwei\n");
        Store.ChangeBehindTheScenes(incident.Id, "one\nzwei\ndrei\n");
        // The first revision's writeup, made distinct so the diff says something.
        Store.Revisions[incident.Id][0] = Store.Revisions[incident.Id][0] with { Body = "one\ntwo\n" };
        return incident;
    }

    [Fact]
    public void History_ListsTheRevisionsNewestFirst_WithWhoWhyAndTitle()
    {
        var incident = SeedThreeRevisions();

        var cut = Open(incident.Id);

        var rows = cut.FindAll("[data-testid=incident-revision]");
        Assert.Equal(["3", "2", "1"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Contains("carol", rows[0].TextContent);
        Assert.Contains("their change", rows[0].TextContent);
        Assert.Contains("Started", rows[2].TextContent);
        Assert.All(rows, r => Assert.Contains("Checkout errors", r.TextContent));
        Assert.Contains("current", rows[0].TextContent);
        Assert.DoesNotContain("current", rows[1].TextContent);
    }

    [Fact]
    public void History_ShowsTheRevisionBeforeTheCurrent_DiffedAgainstTheCurrentWriteup()
    {
        var incident = SeedThreeRevisions();

        var cut = Open(incident.Id);

        Assert.Contains("Revision 2 against the current writeup (revision 3)", cut.Find("[data-testid=incident-revision-shown]").TextContent);
        Assert.Equal(["+ drei"], cut.FindAll("[data-testid=incident-diff] [data-kind=added]").Select(l => l.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=incident-diff] [data-kind=removed]"));
        Assert.Equal("0 removed, 1 added", cut.Find("[data-testid=incident-diff-count]").TextContent.Trim());
    }

    [Fact]
    public void ShowingAnOlderRevision_DiffsThatOne()
    {
        var incident = SeedThreeRevisions();
        var cut = Open(incident.Id);

        cut.FindAll("[data-testid=incident-revision-show]").Last().Click();

        cut.WaitForAssertion(() => Assert.Contains("Revision 1 against", cut.Find("[data-testid=incident-revision-shown]").TextContent));
        Assert.Equal(["- two"], cut.FindAll("[data-testid=incident-diff] [data-kind=removed]").Select(l => l.TextContent.Trim()));
        Assert.Equal(["+ zwei", "+ drei"], cut.FindAll("[data-testid=incident-diff] [data-kind=added]").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public void UnknownIncident_SaysSo()
    {
        var cut = Open(Guid.NewGuid());

        Assert.NotEmpty(cut.FindAll("[data-testid=incident-missing]"));
        Assert.Empty(cut.FindAll("[data-testid=incident-revisions]"));
    }

    [Fact]
    public void Restore_MakesAnEarlierWriteupCurrent_AsANewRevision_KeepingTheStatus()
    {
        var incident = SeedThreeRevisions();
        var cut = Open(incident.Id);

        Assert.Equal(2, cut.FindAll("[data-testid=incident-revision-restore]").Count);
        cut.FindAll("[data-testid=incident-revision-restore]").Last().Click();
        cut.WaitForAssertion(() => cut.FindAll(".mud-message-box__yes-button, .mud-dialog-actions button").Last().Click());

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=incident-revision]").Count));
        var edit = Assert.Single(Store.Edits);
        Assert.Equal(("one\ntwo\n", "Restored revision 1", IncidentStatus.Investigating), (edit.Body, edit.Reason, edit.Status));
        Assert.Equal("one\ntwo\n", Store.Incidents[0].Body);
    }

    [Fact]
    public void Restore_Cancelled_ChangesNothing()
    {
        var incident = SeedThreeRevisions();
        var cut = Open(incident.Id);

        cut.FindAll("[data-testid=incident-revision-restore]").Last().Click();
        cut.WaitForAssertion(() => cut.FindAll(".mud-message-box__no-button, .mud-dialog-actions button").First().Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Empty(Store.Edits);
        Assert.Equal(3, cut.FindAll("[data-testid=incident-revision]").Count);
    }
}
