using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Publishing;
using Portal.Tests.Unit.Features.Rules;

namespace Portal.Tests.Unit.Features.Publishing;

/// <summary>
/// Component tests of the Publish and Releases pages: a <see cref="FakePublisher"/>, a <see cref="FakeReleaseStore"/>,
/// the local user "tester", and a <see cref="FakeRuleStore"/> for the import dialog the drift panel opens.
/// </summary>
public abstract class PublishingTestContext : BunitTestContext
{
    internal FakePublisher Publisher { get; } = new();

    internal FakeReleaseStore Releases { get; } = new();

    internal FakeRuleStore Rules { get; } = new();

    protected PublishingTestContext()
    {
        Services.AddSingleton<IPublisher>(Publisher);
        Services.AddSingleton<IReleaseStore>(Releases);
        Services.AddSingleton<IRuleStore>(Rules);
        Services.AddSingleton<Portal.Infrastructure.Identity.ITeams>(new Admin.FakeTeams());
        Services.AddSingleton(Api.ApiHttp.User("tester"));
    }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();
}
