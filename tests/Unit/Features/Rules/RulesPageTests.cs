using Bunit;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

public class RulesPageTests : RulesTestContext
{
    /// <summary>The three seeded rules, unfiltered, once the list shows them.</summary>
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> OpenAllThreeRules()
    {
        SeedThreeRules();
        Navigation.NavigateTo("/rules");
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=rule-link]").Count));
        return cut;
    }

    private void SeedThreeRules()
    {
        var api = Store.AddGroup("payments", "api");
        Store.AddRule(api, FakeRuleStore.Alert("ApiErrors", "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05", "critical"));
        Store.AddRule(api, FakeRuleStore.Alert("ApiSlow", "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1"));
        var db = Store.AddGroup("storage", "postgres");
        Store.AddRule(db, FakeRuleStore.Alert("PostgresDown", "pg_up == 0", "critical", @for: null));
    }

    [Fact]
    public void List_ShowsTheFirstPageFromTheStore_WithLinksToTheEditor()
    {
        SeedThreeRules();

        var cut = RenderPage<RulesPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=rule-link]").Count));
        Assert.Equal(["ApiErrors", "ApiSlow", "PostgresDown"], cut.FindAll("[data-testid=rule-link]").Select(a => a.TextContent.Trim()));
        Assert.All(cut.FindAll("[data-testid=rule-link]"), a => Assert.Matches("^/rules/[0-9a-f-]{36}$", a.GetAttribute("href")));
        var query = Store.Queries.Last();
        Assert.Equal((0, 50, RuleSort.Position), (query.Skip, query.Take, query.Sort));
    }

    [Fact]
    public void CappedCount_ReadsAsALowerBound_AndNextKeepsPagingPastIt()
    {
        var group = Store.AddGroup("payments", "api");
        for (var i = 0; i < 120; i++)
        {
            Store.AddRule(group, FakeRuleStore.Alert($"Rule{i:000}", "up == 0"));
        }

        Store.CountCap = 60;

        var cut = RenderPage<RulesPage>();

        cut.WaitForAssertion(() => Assert.Contains("1-50 of 60+", cut.Find("[data-testid=rules-grid]").TextContent));
        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Contains("51-100 of 100+", cut.Find("[data-testid=rules-grid]").TextContent));
        cut.Find("button[aria-label='Next page']").Click();
        // The page that reaches the end has counted every rule: the total is exact again.
        cut.WaitForAssertion(() => Assert.Contains("101-120 of 120", cut.Find("[data-testid=rules-grid]").TextContent));
        Assert.DoesNotContain("120+", cut.Find("[data-testid=rules-grid]").TextContent);
        Assert.Equal("Rule119", cut.FindAll("[data-testid=rule-link]")[^1].TextContent.Trim());
    }

    [Fact]
    public void List_ShowsFindingCountsAndADash_ForRulesNotMeasuredYet()
    {
        SeedThreeRules();

        var cut = RenderPage<RulesPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=rule-findings]").Count));
        // PostgresDown has no `for`, which lint warns about.
        Assert.Contains("1 warning", cut.FindAll("[data-testid=rule-findings]")[2].TextContent);
        Assert.Contains("—", cut.Find("[data-testid=rules-grid]").TextContent);
    }

    [Fact]
    public void FiltersInTheAddress_GoToTheStore()
    {
        SeedThreeRules();
        Navigation.NavigateTo("/rules?ns=payments&severity=critical&kind=alerting&q=Api&findings=true");

        var cut = RenderPage<RulesPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Store.Queries));
        var query = Store.Queries.Last();
        Assert.Equal(("payments", "critical", RuleKind.Alerting, "Api", true), (query.Namespace, query.Severity, query.Kind, query.Text, query.HasFindings));
    }

    [Fact]
    public void ChoosingAFilter_PutsItIntoTheAddress_ReplacingTheHistoryEntry()
    {
        var cut = OpenAllThreeRules();

        cut.Find("[data-testid=filter-findings]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/rules?findings=true", Navigation.Uri));
        Assert.True(((Bunit.TestDoubles.BunitNavigationManager)Navigation).History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void ANewAddress_ReloadsTheGrid_WithItsFilters()
    {
        var cut = OpenAllThreeRules();

        Navigation.NavigateTo("/rules?severity=critical");

        cut.WaitForAssertion(() => Assert.Equal(["ApiErrors", "PostgresDown"], cut.FindAll("[data-testid=rule-link]").Select(a => a.TextContent.Trim())));
        Assert.Equal("critical", Store.Queries.Last().Severity);
    }

    [Fact]
    public async Task NamespaceFilter_SearchesTheNamespaces_WithoutAnItemPerNamespaceOnThePage()
    {
        SeedThreeRules();
        Store.AddGroup("payments-batch", "jobs");
        Navigation.NavigateTo("/rules");
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=rule-link]").Count));

        // Each open circuit would keep a select item per namespace; the search shows matches only while open.
        Assert.DoesNotContain(cut.FindComponents<MudBlazor.MudSelectItem<string>>(), item => item.Instance.Value == "storage");
        var filter = cut.FindComponent<MudBlazor.MudAutocomplete<string>>().Instance;
        Assert.Equal(["payments", "payments-batch"], await SearchAsync(filter, "PAY"));
        Assert.Equal(["payments", "payments-batch", "storage"], await SearchAsync(filter, ""));
    }

    private static async Task<List<string>> SearchAsync(MudBlazor.MudAutocomplete<string> filter, string text)
    {
        var search = filter.SearchFunc;
        Assert.NotNull(search);
        var pending = search(text, CancellationToken.None);
        Assert.NotNull(pending);
        var found = await pending;
        return [.. (found ?? []).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void ChoosingANamespace_PutsItIntoTheAddress_AndDropsTheGroup()
    {
        SeedThreeRules();
        Navigation.NavigateTo("/rules?group=api");
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=rule-link]")));

        var filter = cut.FindComponent<MudBlazor.MudAutocomplete<string>>();
        cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync("storage"));

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/rules?ns=storage", Navigation.Uri));
    }

    [Fact]
    public void TypedSearchText_ReachesTheAddress_AfterTheDebounce()
    {
        var cut = OpenAllThreeRules();

        cut.Find("[data-testid=filter-text]").Input("slow");

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/rules?q=slow", Navigation.Uri), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void FastTyping_SearchesOnlyForTheLastText_AndTheBoxIsNotRewrittenWhileItHasTheFocus()
    {
        var cut = OpenAllThreeRules();

        cut.Find("[data-testid=filter-text]").Focus();
        cut.Find("[data-testid=filter-text]").Input("slo");
        cut.Find("[data-testid=filter-text]").Input("slow");
        cut.WaitForAssertion(() => Assert.Equal("http://localhost/rules?q=slow", Navigation.Uri), TimeSpan.FromSeconds(3));
        cut.Find("[data-testid=filter-text]").Input("slower");

        // The address of the first pause arrived while the user typed on: the box was not told to show "slow" again.
        Assert.DoesNotContain(((Bunit.TestDoubles.BunitNavigationManager)Navigation).History, h => h.Uri.EndsWith("q=slo", StringComparison.Ordinal));
        Assert.Equal("", cut.Find("[data-testid=filter-text]").GetAttribute("value") ?? "");
        cut.Find("[data-testid=filter-text]").Blur();
        cut.WaitForAssertion(() => Assert.Equal("http://localhost/rules?q=slower", Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal("slower", cut.Find("[data-testid=filter-text]").GetAttribute("value")));
    }

    [Fact]
    public void TheClearButton_EmptiesTheSearch_AndItsAddress()
    {
        SeedThreeRules();
        Navigation.NavigateTo("/rules?q=slow");
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.Equal("slow", cut.Find("[data-testid=filter-text]").GetAttribute("value")));

        cut.Find("[data-testid=filter-text-clear]").Click();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/rules", Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("[data-testid=filter-text]").GetAttribute("value") ?? ""));
        Assert.Empty(cut.FindAll("[data-testid=filter-text-clear]"));
    }

    [Fact]
    public void TheExportMenu_ClosesWithEscape_AndWithAClickBesideIt()
    {
        SeedThreeRules();
        Navigation.NavigateTo("/rules");
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=rule-link]")));

        cut.Find("[data-testid=export] button").Click();
        Assert.Equal("true", cut.Find("[data-testid=export] button").GetAttribute("aria-expanded"));
        cut.Find("[data-testid=export]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll("[data-testid=export-prometheus]"));

        cut.Find("[data-testid=export] button").Click();
        cut.Find(".portal-menu-backdrop").Click();
        Assert.Empty(cut.FindAll("[data-testid=export-prometheus]"));
        Assert.Equal("false", cut.Find("[data-testid=export] button").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void ExportLinks_PointAtTheExportApi_ForTheFilteredNamespace()
    {
        SeedThreeRules();
        Navigation.NavigateTo("/rules?ns=payments");
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=rule-link]")));

        cut.Find("[data-testid=export] button").Click();

        cut.WaitForAssertion(() => Assert.Equal("/rules/export?format=prometheus&namespace=payments",
            cut.Find("[data-testid=export-prometheus]").GetAttribute("href")));
    }

    [Fact]
    public void EmptyCatalog_OffersImportAndTheStarterPack_WhichImportsIntoPortalStack()
    {
        var cut = RenderPage<RulesPage>();
        cut.WaitForAssertion(() => Assert.Contains("Import your rule files", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=rules-grid]"));

        cut.Find("[data-testid=load-starter-pack]").Click();

        // The import preview first, like any import: nothing is written until the user imports.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=import-count-create]")));
        Assert.Empty(Store.Imports);
        Assert.Equal(("portal-stack", StarterPack.Team), (Store.Plans.Single().Namespace, Store.Plans.Single().Team));
        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=rule-link]")));
        var (request, actor) = Assert.Single(Store.Imports);
        Assert.Equal(("portal-stack", StarterPack.Yaml, "tester"), (request.Namespace, request.Text, actor));
        Assert.EndsWith("/rules?ns=portal-stack", Navigation.Uri);
        Assert.Contains("Imported", cut.Markup);
    }

    [Fact]
    public void StarterPack_IsOfferedInTheToolbar_UntilPortalStackExists()
    {
        var cut = OpenAllThreeRules();

        cut.Find("[data-testid=load-starter-pack]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled")));
        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/rules?ns=portal-stack", Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=load-starter-pack]")));
        Assert.Equal("portal-stack", Store.Imports.Single().Request.Namespace);
    }
}
