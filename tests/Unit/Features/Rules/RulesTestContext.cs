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
}
