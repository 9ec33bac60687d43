using Bunit;
using Portal.Domain.Runbooks;
using Portal.Features.Runbooks;

namespace Portal.Tests.Unit.Features.Runbooks;

public class RunbooksPageTests : RunbooksTestContext
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> OpenList(string query = "")
    {
        Navigation.NavigateTo("/runbooks" + query);
        var cut = RenderPage<RunbooksPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    [Fact]
    public void List_ShowsTitleTeamTagsLinkedRules_AndAChipOnlyWhereTheReviewIsPastDue()
    {
        Store.Add("postgres-slow", "PostgreSQL is slow", "team-a", tags: ["database", "postgres"], reviewDays: 30,
            reviewedAt: Store.Now.AddDays(-40));
        Store.Add("redis-memory", "Redis memory pressure", "team-b", reviewDays: 365, reviewedAt: DateTimeOffset.UtcNow.AddDays(-1));
        Store.Link("postgres-slow", new Portal.Infrastructure.Runbooks.LinkedRule(Guid.NewGuid(), "PostgresSlow", true, "db", "pg", "team-a"));

        var cut = OpenList();

        var rows = cut.FindAll("[data-testid=runbook-row]");
        Assert.Equal(2, rows.Count);
        var postgres = rows.Single(r => r.TextContent.Contains("PostgreSQL is slow"));
        Assert.Contains("team-a", postgres.TextContent);
        Assert.Contains("database", postgres.TextContent);
        Assert.Equal("1", postgres.QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.NotNull(postgres.QuerySelector("[data-testid=runbook-review-due]"));
        Assert.Null(rows.Single(r => r.TextContent.Contains("Redis")).QuerySelector("[data-testid=runbook-review-due]"));
        Assert.Equal("/runbooks/postgres-slow", postgres.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Search_MarksTheMatches_AndKeepsTheRunbooksOwnMarkupAsText()
    {
        Store.Add("disk", "Disk full", body: "When <script>alert(1)</script> the disk fills up");
        Store.Add("cpu", "CPU saturation", body: "Nothing about storage");
        var cut = OpenList();

        cut.Find("[data-testid=runbooks-search]").Input("disk");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=runbook-hit]")));
        var snippet = cut.Find("[data-testid=runbook-snippet]");
        Assert.Equal(["disk"], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Empty(snippet.QuerySelectorAll("script"));
        Assert.Contains("&lt;script&gt;", snippet.InnerHtml);
        Assert.DoesNotContain(SearchSnippet.Start, snippet.TextContent.ToCharArray());
        Assert.EndsWith("/runbooks?q=disk", Navigation.Uri);
    }

    [Fact]
    public async Task Search_ANewKeystroke_CancelsTheSearchStillRunning_AndOnlyItsResultsShow()
    {
        Store.Add("disk", "Disk full");
        Store.Add("memory", "Memory pressure");
        var cut = OpenList();
        Store.SearchGate = new TaskCompletionSource();

        var first = Store.NextSearch();
        cut.Find("[data-testid=runbooks-search]").Input("disk");
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        var second = Store.NextSearch();
        cut.Find("[data-testid=runbooks-search]").Input("memory");
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Store.SearchGate.SetResult();

        cut.WaitForAssertion(() => Assert.Equal("Memory pressure", cut.Find("[data-testid=runbook-hit] [data-testid=runbook-link]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=runbook-hit]"));
        Assert.Equal(["disk", "memory"], Store.Searches.Select(s => s.Text));
    }

    [Fact]
    public void TagFromTheAddress_FiltersTheList_AndGoesWithTheSearch()
    {
        Store.Add("a", "Postgres slow", tags: ["database"]);
        Store.Add("b", "Redis slow", tags: ["cache"]);

        var cut = OpenList("?tag=cache");

        Assert.Equal(["Redis slow"], cut.FindAll("[data-testid=runbook-row] a").Select(a => a.TextContent));
        cut.Find("[data-testid=runbooks-search]").Input("slow");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=runbook-hit]")));
        Assert.Equal("cache", Store.Searches.Last().Tag);
    }

    [Fact]
    public void EmptyPage_Explains_AndOffersNewRunbook_ToAWriter()
    {
        var cut = OpenList();

        Assert.Contains("No runbooks yet", cut.Markup);
        Assert.Equal("/runbooks/new", cut.Find("[data-testid=runbooks-empty-new]").GetAttribute("href"));
    }

    [Fact]
    public void AViewer_SeesNoNewRunbookButton()
    {
        SignIn("victor", "Viewer");
        Store.Add("a", "Postgres slow");

        var cut = OpenList();

        Assert.Single(cut.FindAll("[data-testid=runbook-row]"));
        Assert.Empty(cut.FindAll("[data-testid=runbooks-new]"));
    }
}
