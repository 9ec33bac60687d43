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
}
