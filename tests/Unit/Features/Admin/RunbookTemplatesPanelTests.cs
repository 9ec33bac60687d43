using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Admin;
using Portal.Infrastructure.Runbooks;
using Portal.Tests.Unit.Fakes;

namespace Portal.Tests.Unit.Features.Admin;

public class RunbookTemplatesPanelTests : BunitTestContext
{
    private readonly FakeRunbookStore _store = new();

    public RunbookTemplatesPanelTests()
    {
        Services.AddSingleton<IRunbookStore>(_store);
        Services.AddSingleton(Portal.Tests.Unit.Api.ApiHttp.User("admin-tester"));
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open()
    {
        var cut = RenderPage<RunbookTemplatesPanel>();
        cut.WaitForAssertion(() => Assert.Equal(_store.Templates.Count, cut.FindAll("[data-testid=runbook-template-row]").Count));
        return cut;
    }

    [Fact]
    public void ListsTheTemplates_AndEditingOneSavesItsDescriptionAndBody()
    {
        var cut = Open();
        Assert.Contains("Just the steps", cut.Find("[data-template=short]").TextContent);

        cut.Find("[data-template=short] [data-testid=runbook-template-edit]").Click();
        Assert.True(cut.Find("[data-testid=runbook-template-name]").HasAttribute("readonly"));
        cut.Find("[data-testid=runbook-template-description]").Change("Steps and whom to call");
        cut.Find("[data-testid=runbook-template-body]").Change("## Steps\n\n## Escalation\n");
        cut.Find("[data-testid=runbook-template-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=runbook-template-form]")));
        var saved = _store.SavedTemplates.Single();
        Assert.Equal(("short", "Steps and whom to call", "## Steps\n\n## Escalation\n"), (saved.Name, saved.Description, saved.Body));
        Assert.Contains("Steps and whom to call", cut.Find("[data-template=short]").TextContent);
        Assert.Contains("admin-tester", cut.Find("[data-template=short]").TextContent);
    }

    [Fact]
    public void AddingATemplate_WithABadName_ShowsTheStoresProblemAtTheName_AndKeepsWhatWasTyped()
    {
        var cut = Open();
        cut.Find("[data-testid=runbook-template-new]").Click();

        cut.Find("[data-testid=runbook-template-name]").Change("Database Template");
        cut.Find("[data-testid=runbook-template-description]").Change("For database runbooks");
        cut.Find("[data-testid=runbook-template-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("template name", cut.Find("[data-testid=runbook-templates-panel] .mud-input-error, [data-testid=runbook-templates-panel] .mud-input-helper-text.mud-input-error").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Database Template", cut.Find("[data-testid=runbook-template-name]").GetAttribute("value"));
        Assert.Equal("For database runbooks", cut.Find("[data-testid=runbook-template-description]").GetAttribute("value"));
        Assert.Equal(2, _store.Templates.Count);

        cut.Find("[data-testid=runbook-template-name]").Change("database");
        cut.Find("[data-testid=runbook-template-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=runbook-template-row]").Count));
        Assert.Equal("For database runbooks", _store.Templates.Single(t => t.Name == "database").Description);
    }

    [Fact]
    public void ARefusalFromTheStore_IsShownInThePanel()
    {
        // The panel sits on the Admin page; the store still checks, so an Editor who reaches it is refused there.
        var editor = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "erin"), new(System.Security.Claims.ClaimTypes.Role, "Editor")], "test"));
        Services.AddSingleton(new Portal.Security.ActingUser(new Portal.Tests.Unit.Api.ApiHttp.StaticOptions(new Portal.Api.V1.ApiSettings()),
            new Portal.Security.CircuitUser { Principal = editor }));
        var cut = Open();

        cut.Find("[data-testid=runbook-template-new]").Click();
        cut.Find("[data-testid=runbook-template-name]").Change("database");
        cut.Find("[data-testid=runbook-template-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Only Admins", cut.Find("[data-testid=runbook-template-refused]").TextContent));
        Assert.Equal(2, _store.Templates.Count);
    }
}
