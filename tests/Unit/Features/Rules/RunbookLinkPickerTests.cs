using Bunit;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

public class RunbookLinkPickerTests : RulesTestContext
{
    private static readonly Guid Rule = Guid.NewGuid();

    private IRenderedComponent<RunbookLinkPicker> Render(string? slug, string? readOnly = null, Action<string?>? linked = null) =>
        Render<RunbookLinkPicker>(p => p
            .Add(x => x.RuleId, Rule)
            .Add(x => x.Slug, slug)
            .Add(x => x.ReadOnlyReason, readOnly)
            .Add(x => x.Linked, (string? s) => linked?.Invoke(s)));

    [Fact]
    public void ALinkedRule_ShowsItsRunbookByTitle_AndUnlinks()
    {
        Runbooks.Add("pg-connections", "PostgreSQL connections");
        string? told = "unset";
        var cut = Render("pg-connections", linked: s => told = s);

        cut.WaitForAssertion(() => Assert.Equal("PostgreSQL connections", cut.Find("[data-testid=runbook-link-current]").TextContent));
        Assert.Equal("/runbooks/pg-connections", cut.Find("[data-testid=runbook-link-current]").GetAttribute("href"));

        cut.Find("[data-testid=runbook-unlink]").Click();

        cut.WaitForAssertion(() => Assert.Equal((Rule, (string?)null, "tester"), Assert.Single(Runbooks.LinkCalls)));
        Assert.Null(told);
    }

    [Fact]
    public async Task ChoosingARunbook_LinksTheRule_AndTellsTheEditor()
    {
        Runbooks.Add("redis-memory", "Redis memory", tags: ["cache"]);
        Runbooks.Add("pg-connections", "PostgreSQL connections");
        string? told = null;
        var cut = Render(null, linked: s => told = s);
        var picker = cut.FindComponent<MudBlazor.MudAutocomplete<Portal.Infrastructure.Runbooks.RunbookSummary>>();

        // The search matches titles, slugs and tags, every word.
        var found = (await picker.Instance.SearchFunc!("cache", default)!).ToList();
        Assert.Equal(["redis-memory"], found.Select(r => r.Slug));
        Assert.True(cut.Find("[data-testid=runbook-link-save]").HasAttribute("disabled"));
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(found.Single()));

        cut.Find("[data-testid=runbook-link-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("redis-memory", told));
        Assert.Equal((Rule, "redis-memory", "tester"), Assert.Single(Runbooks.LinkCalls));
    }

    [Fact]
    public async Task ARefusedLink_SaysWhy_AndTheEditorIsNotTold()
    {
        Runbooks.Add("redis-memory", "Redis memory");
        Runbooks.LinkRefusal = "Only Editors of team pay may change these rules.";
        var told = false;
        var cut = Render(null, linked: _ => told = true);
        var picker = cut.FindComponent<MudBlazor.MudAutocomplete<Portal.Infrastructure.Runbooks.RunbookSummary>>();
        await cut.InvokeAsync(async () => await picker.Instance.ValueChanged.InvokeAsync((await picker.Instance.SearchFunc!("redis", default)!).Single()));

        cut.Find("[data-testid=runbook-link-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Only Editors of team pay", cut.Find("[data-testid=runbook-link-error]").TextContent));
        Assert.False(told);
        Assert.Empty(Runbooks.LinkCalls);
    }

    [Fact]
    public void ReadOnly_ShowsTheLinkButNoControls()
    {
        Runbooks.Add("pg-connections", "PostgreSQL connections");
        var cut = Render("pg-connections", readOnly: "Viewers read rules.");

        cut.WaitForAssertion(() => Assert.Equal("PostgreSQL connections", cut.Find("[data-testid=runbook-link-current]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=runbook-unlink]"));
        Assert.Empty(cut.FindAll("[data-testid=runbook-link-save]"));
    }
}
