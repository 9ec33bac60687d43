using Bunit;
using Portal.Domain.Incidents;
using Portal.Features.Incidents;

namespace Portal.Tests.Unit.Features.Incidents;

public class IncidentsPageTests : IncidentsTestContext
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> OpenList(string query = "")
    {
        Navigation.NavigateTo("/incidents" + query);
        var cut = RenderPage<IncidentsPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    [Fact]
    public void NoIncidents_ShowsTheEmptyState_WithTheStartButton()
    {
        var cut = OpenList();

        Assert.Contains("No incidents yet", cut.Markup);
        Assert.Equal("/incidents/new", cut.Find("[data-testid=incidents-start]").GetAttribute("href"));
        Assert.Equal("/incidents/actions", cut.Find("[data-testid=incidents-actions]").GetAttribute("href"));
    }

    [Fact]
    public void FiltersInTheAddress_GoToTheStore_AndOnlyMatchingRowsShow()
    {
        Store.Add("Database down", IncidentStatus.Resolved, "SEV-1", "team-a");
        Store.Add("Slow API", IncidentStatus.Investigating, "SEV-2", "team-b");

        var cut = OpenList("?status=Resolved&severity=SEV-1&team=team-a&range=7d&q=database");

        var query = Store.Queries.Last();
        Assert.Equal(IncidentStatus.Resolved, query.Status);
        Assert.Equal("SEV-1", query.Severity);
        Assert.Equal("team-a", query.Team);
        Assert.Equal("database", query.Text);
        Assert.NotNull(query.Since);
        var row = Assert.Single(cut.FindAll("[data-testid=incident-row]"));
        Assert.Contains("INC-1 Database down", row.TextContent);
        Assert.Equal("Resolved", row.QuerySelector("[data-testid=incident-status]")!.TextContent.Trim());
    }

    [Fact]
    public void Typing_SearchesAfterAPause_AndWritesTheSearchIntoTheAddress()
    {
        Store.Add("Database down");
        Store.Add("Slow API");
        var cut = OpenList();

        cut.Find("[data-testid=incidents-search] input, input[data-testid=incidents-search]").Input("slow");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=incident-row]")));
        Assert.Equal("slow", Store.Queries.Last().Text);
        Assert.EndsWith("/incidents?q=slow", Navigation.Uri);
    }

    [Fact]
    public void ManyIncidents_AreAskedForOnePageAtATime()
    {
        for (var i = 0; i < 120; i++)
        {
            Store.Add($"Incident {i}", startedAt: DateTimeOffset.UtcNow.AddMinutes(-i));
        }

        var cut = OpenList("?page=3");

        Assert.Equal(3, Store.Queries.Last().Page);
        Assert.Equal(20, cut.FindAll("[data-testid=incident-row]").Count);
        Assert.Contains("120 incidents", cut.Find("[data-testid=incidents-count]").TextContent);
    }
}
