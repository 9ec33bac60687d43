using Portal.Security;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.V1;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>An Editor of team-b signed in: team-a's rules are shown read-only, their own team's are editable.</summary>
public class RuleAccessTests : RulesTestContext
{
    public RuleAccessTests()
    {
        var editor = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "bea"), new Claim(ClaimTypes.Role, "Editor"), new Claim(Portal.Infrastructure.Identity.PortalClaims.Team, "team-b")], "test"));
        Services.AddSingleton(new ActingUser(new Api.ApiHttp.StaticOptions(new ApiSettings()), new CircuitUser { Principal = editor }));
    }

    private Guid SeedRule(string @namespace, string team)
    {
        Store.AddNamespace(@namespace, team);
        return Store.AddRule(Store.AddGroup(@namespace, "api"), FakeRuleStore.Alert("ApiErrors", "rate(errors_total[5m]) > 0.05"));
    }

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> OpenEditor(Guid id)
    {
        Navigation.NavigateTo($"/rules/{id}");
        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=editor-yaml]")));
        return cut;
    }

    [Fact]
    public void AnotherTeamsRule_IsReadOnly_WithoutSaveDeleteOrRestore()
    {
        var id = SeedRule("payments", "team-a");

        var cut = OpenEditor(id);

        cut.WaitForAssertion(() => Assert.Contains("team-a", cut.Find("[data-testid=editor-read-only]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=editor-save]"));
        Assert.Empty(cut.FindAll("[data-testid=editor-delete]"));
    }

    [Fact]
    public void TheirOwnTeamsRule_CanBeSaved()
    {
        var id = SeedRule("search", "team-b");

        var cut = OpenEditor(id);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=editor-save]")));
        Assert.Empty(cut.FindAll("[data-testid=editor-read-only]"));
    }

    [Fact]
    public void AnotherTeamsNamespace_HasNoGroupEditingOrMoving()
    {
        SeedRule("payments", "team-a");

        var cut = RenderPage<NamespacePage>((nameof(NamespacePage.Name), "payments"));

        cut.WaitForAssertion(() => Assert.Contains("team-a", cut.Find("[data-testid=namespace-read-only]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=new-group]"));
        Assert.Empty(cut.FindAll("[data-testid=group-save]"));
        Assert.Empty(cut.FindAll("[data-testid=rule-up]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=group-card]"));
    }

    [Fact]
    public async Task NewRule_TheGroupPickerOffersTheirTeamsGroupsOnly_FromOneQuery_AndSearches()
    {
        Store.AddNamespace("payments", "team-a");
        Store.AddGroup("payments", "api");
        Store.AddNamespace("search-redis", "team-b");
        Store.AddGroup("search-redis", "availability");
        Store.AddGroup("search-redis", "saturation");
        Store.AddNamespace("search-api", "team-b");
        Store.AddGroup("search-api", "availability");
        Navigation.NavigateTo("/rules/new");

        var cut = RenderPage<RuleEditorPage>();

        cut.WaitForAssertion(() => Assert.Contains("3 groups you may add rules to", cut.Markup));
        Assert.Equal(1, Store.GroupChoiceCalls);
        var picker = cut.FindComponent<MudBlazor.MudAutocomplete<Portal.Infrastructure.Catalog.GroupChoice>>().Instance;
        async Task<string[]> Search(string text)
        {
            var search = picker.SearchFunc ?? throw new InvalidOperationException("the picker has no search");
            var found = await (search(text, default) ?? Task.FromResult<IEnumerable<Portal.Infrastructure.Catalog.GroupChoice>>([]));
            return (found ?? []).Select(c => c.ToString()).ToArray();
        }

        Assert.Equal(["search-api / availability", "search-redis / availability", "search-redis / saturation"], await Search(""));
        Assert.Equal(["search-redis / saturation"], await Search("redis sat"));
        Assert.Empty(await Search("payments"));
    }

    [Fact]
    public void NewRule_InAnotherTeamsGroup_IsRefusedAsMissing()
    {
        Store.AddNamespace("payments", "team-a");
        var group = Store.AddGroup("payments", "api");
        Navigation.NavigateTo($"/rules/new?group={group}");

        var cut = RenderPage<RuleEditorPage>();

        cut.WaitForAssertion(() => Assert.Contains("does not exist", cut.Find("[data-testid=editor-load-error]").TextContent));
    }
}
