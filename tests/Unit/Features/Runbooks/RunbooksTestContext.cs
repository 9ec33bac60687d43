using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.V1;
using Portal.Infrastructure.Runbooks;
using Portal.Security;
using Portal.Tests.Unit.Fakes;

namespace Portal.Tests.Unit.Features.Runbooks;

/// <summary>Component tests of the runbook pages: a <see cref="FakeRunbookStore"/>, live state set by the test, and an Admin unless a test signs in someone else.</summary>
public abstract class RunbooksTestContext : BunitTestContext
{
    internal FakeRunbookStore Store { get; } = new();

    internal Alerts.FakeLiveAlerts Live { get; } = new();

    protected RunbooksTestContext()
    {
        Services.AddSingleton<IRunbookStore>(Store);
        Services.AddSingleton<Portal.Infrastructure.Live.ILiveAlerts>(Live);
        Services.AddSingleton<Portal.Infrastructure.Identity.ITeams>(new Admin.FakeTeams());
        Services.AddSingleton(Api.ApiHttp.User("tester"));
    }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Signs in <paramref name="name"/> with one role (Editor or Viewer) in <paramref name="teams"/> instead of the Admin.</summary>
    protected void SignIn(string name, string role, params string[] teams)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        claims.AddRange(teams.Select(t => new Claim(Portal.Infrastructure.Identity.PortalClaims.Team, t)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        Services.AddSingleton(new ActingUser(new Api.ApiHttp.StaticOptions(new ApiSettings()), new CircuitUser { Principal = principal }));
    }
}
