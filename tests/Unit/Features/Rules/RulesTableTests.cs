using AngleSharp.Html.Parser;
using Bunit;
using Portal.Domain.Lint;
using Portal.Domain.Live;
using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Live;

namespace Portal.Tests.Unit.Features.Rules;

public class RulesTableTests : BunitTestContext
{
    private static RuleListItem Rule(string name, string ns = "payments", string group = "api", string? severity = "critical",
        RuleKind kind = RuleKind.Alerting, bool enabled = true, int errors = 0, int warnings = 0, double? fires = null) =>
        new(Guid.NewGuid(), ns, group, 0, kind, name, "up == 0", severity, enabled, errors, warnings, fires, DateTimeOffset.UtcNow.AddHours(-3), 1);

    [Fact]
    public void A_Row_EncodesEveryValueFromTheCatalog()
    {
        var hostile = Rule("<script>alert(1)</script>", ns: "a\"><img src=x onerror=alert(2)>", group: "g&<b>", severity: "\" onmouseover=\"x");

        var html = RuleRowMarkup.Row(hostile, startsGroup: true, LiveIndex.NoData).Value;
        var row = new HtmlParser().ParseDocument($"<table><tbody>{html}</tbody></table>");

        Assert.Empty(row.QuerySelectorAll("script, img"));
        Assert.All(row.QuerySelectorAll("*"), e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Equal("<script>alert(1)</script>", row.QuerySelector("[data-testid=rule-link]")!.TextContent);
        Assert.Equal("a\"><img src=x onerror=alert(2)>", row.QuerySelector("[data-testid=rule-namespace]")!.TextContent);
        Assert.Equal("\" onmouseover=\"x", row.QuerySelector(".rules-severity")!.GetAttribute("title"));
        Assert.Equal(7, row.QuerySelectorAll("td").Length);
    }

    [Fact]
    public void A_Row_SaysWhatTheGridSaid_TagsLiveStateFindingsAndFrequency()
    {
        var recording = Rule("job:up:sum", kind: RuleKind.Recording, enabled: false, severity: null, errors: 1, warnings: 2, fires: 3.25);
        var firing = new RuleLiveSummary(LiveState.Firing, 4, 0, true, 12);

        var row = new HtmlParser().ParseDocument($"<table><tbody>{RuleRowMarkup.Row(recording, startsGroup: false, firing).Value}</tbody></table>");

        Assert.Null(row.QuerySelector("[data-testid=rule-namespace]"));
        Assert.Equal(["record", "disabled"], row.QuerySelectorAll(".rules-tag").Select(t => t.TextContent).ToArray());
        var live = row.QuerySelector("[data-testid=rule-live]")!;
        Assert.Equal(("firing", "live in release #12"), (live.GetAttribute("data-state"), live.GetAttribute("title")));
        Assert.Contains("firing 4", live.TextContent);
        Assert.Contains("the last evaluation failed", live.TextContent);
        Assert.Equal("1 error2 warnings", row.QuerySelector("[data-testid=rule-findings]")!.TextContent);
        Assert.Equal("3.3", row.QuerySelectorAll("td")[5].TextContent);
        Assert.Contains("3 h ago", row.QuerySelectorAll("td")[6].TextContent);
    }

    [Fact]
    public void Rows_WriteTheNamespaceAndGroup_OnTheFirstRowOfEachRun()
    {
        var items = new[] { Rule("A"), Rule("B"), Rule("C", group: "db"), Rule("D", ns: "storage", group: "db") };

        var table = Render<RulesTable>(p => p.Add(t => t.Items, items).Add(t => t.Total, 4));

        var cells = table.FindAll("tbody tr").Select(r => r.QuerySelector("[data-testid=rule-namespace]")?.TextContent ?? "-").ToList();
        Assert.Equal(["payments", "-", "payments", "storage"], cells);
    }

    [Fact]
    public void A_Header_SortsUp_ThenDown_ThenBackToTheCatalogsOrder()
    {
        var asked = new List<(RuleSort, bool)>();
        var table = Render<RulesTable>(p => p.Add(t => t.Items, [Rule("A")]).Add(t => t.Total, 1)
            .Add(t => t.SortChanged, order => asked.Add(order)));

        table.Find("[data-testid=sort-name]").Click();
        table.Render(p => p.Add(t => t.Sort, RuleSort.Name));
        Assert.Equal("ascending", table.Find("[data-testid=sort-name]").ParentElement!.GetAttribute("aria-sort"));
        table.Find("[data-testid=sort-name]").Click();
        table.Render(p => p.Add(t => t.Sort, RuleSort.Name).Add(t => t.Descending, true));
        Assert.Equal("descending", table.Find("[data-testid=sort-name]").ParentElement!.GetAttribute("aria-sort"));
        table.Find("[data-testid=sort-name]").Click();
        table.Find("[data-testid=sort-updated]").Click();

        Assert.Equal([(RuleSort.Name, false), (RuleSort.Name, true), (RuleSort.Position, false), (RuleSort.UpdatedAt, false)], asked);
        Assert.Empty(table.FindAll("th:not([aria-sort]) button"));
    }

    [Fact]
    public void ThePager_OffersOnlyTheMovesThereAre_AndAPageSizeStartsAgainAtTheTop()
    {
        var moves = new List<(int, int)>();
        var items = Enumerable.Range(0, 50).Select(i => Rule($"R{i}")).ToArray();
        var table = Render<RulesTable>(p => p.Add(t => t.Items, items).Add(t => t.Total, 120).Add(t => t.Skip, 50)
            .Add(t => t.PageChanged, page => moves.Add(page)));

        Assert.Equal("51-100 of 120", table.Find("[data-testid=rules-pager-info]").TextContent);
        foreach (var label in new[] { "First page", "Previous page", "Next page", "Last page" })
        {
            table.Find($"button[aria-label='{label}']").Click();
        }

        table.Find("[data-testid=rules-page-size]").Change("200");
        table.Find("[data-testid=rules-page-size]").Change("100000");

        Assert.Equal([(0, 50), (0, 50), (100, 50), (100, 50), (0, 200)], moves);
        table.Render(p => p.Add(t => t.Skip, 100).Add(t => t.Items, items[..20]));
        Assert.True(table.Find("button[aria-label='Next page']").HasAttribute("disabled"));
        Assert.False(table.Find("button[aria-label='Previous page']").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(0, 50, 308, false, "1-50 of 308")]
    [InlineData(10000, 50, 10051, true, "10001-10050 of 10,050+")]
    [InlineData(0, 0, 0, false, "0-0 of 0")]
    public void PagerInfo_SaysWhereThePageIs_AndACappedCountAsALowerBound(int skip, int shown, int total, bool lowerBound, string expected) =>
        Assert.Equal(expected, RulesTable.PagerInfo(skip, shown, total, lowerBound));

    [Fact]
    public void NoRows_ShowTheEmptyContent_UnlessAPageIsLoading()
    {
        var table = Render<RulesTable>(p => p.Add(t => t.Items, []).Add(t => t.NoRecords, "nothing here"));
        Assert.Contains("nothing here", table.Find("tbody").TextContent);

        table.Render(p => p.Add(t => t.Loading, true));
        Assert.DoesNotContain("nothing here", table.Find("tbody").TextContent);
        Assert.Equal("true", table.Find("[data-testid=rules-grid]").GetAttribute("aria-busy"));
    }
}
