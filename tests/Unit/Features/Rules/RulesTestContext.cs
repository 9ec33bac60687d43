using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Components;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>Component tests of the Rules area: a <see cref="FakeRuleStore"/> and a local user; pages render through <see cref="BunitTestContext.RenderPage{TPage}"/>.</summary>
public abstract class RulesTestContext : BunitTestContext
{
    internal FakeRuleStore Store { get; } = new();

    internal Portal.Tests.Unit.Fakes.FakeRunbookStore Runbooks { get; } = new();

    internal FakeCatalogLifecycle Lifecycle { get; } = new();

    internal FakeLiveLinter LiveLinter { get; } = new();
    internal Alerts.FakeLiveAlerts Live { get; } = new();

    protected RulesTestContext()
    {
        Services.AddSingleton<IRuleStore>(Store);
        Services.AddSingleton<Portal.Infrastructure.Runbooks.IRunbookStore>(Runbooks);
        Services.AddSingleton<ICatalogLifecycle>(Lifecycle);
        Services.AddSingleton<Portal.Infrastructure.Identity.ITeams>(new Admin.FakeTeams());
        Services.AddSingleton(Api.ApiHttp.User("tester"));
        Services.AddSingleton<Portal.Infrastructure.Lint.ILiveLinter>(LiveLinter);
        Services.AddSingleton<Portal.Infrastructure.Live.ILiveAlerts>(Live);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Portal.Infrastructure.Runbooks.PortalUrlOptions { PublicUrl = PublicUrl }));
    }

    internal const string PublicUrl = "https://alerts.example.org";

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>An alert "up == 0" in a group of its own in namespace payments.</summary>
    internal Guid SeedUpAlert(string name = "ApiErrors")
    {
        var group = Store.AddGroup("payments", "api-" + name);
        return Store.AddRule(group, FakeRuleStore.Alert(name, "up == 0"));
    }

    /// <summary>The rule editor on a stored rule, once its YAML preview shows (the form is loaded).</summary>
    internal Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> OpenRuleEditor(Guid id)
    {
        Navigation.NavigateTo($"/rules/{id}");
        var cut = RenderPage<Portal.Features.Rules.RuleEditorPage>((nameof(Portal.Features.Rules.RuleEditorPage.Id), (Guid?)id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=editor-yaml]")));
        return cut;
    }
}
