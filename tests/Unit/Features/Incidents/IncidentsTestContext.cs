using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.V1;
using Portal.Features.Incidents;
using Portal.Infrastructure.Incidents;
using Portal.Security;

namespace Portal.Tests.Unit.Features.Incidents;

/// <summary>Component tests of the incident pages: fake store and evidence, a rule store, live alerts, and an Admin unless a test signs in someone else.</summary>
public abstract class IncidentsTestContext : BunitTestContext
{
    internal FakeIncidentStore Store { get; } = new();

    internal FakeIncidentEvidence Evidence { get; } = new();

    internal Rules.FakeRuleStore Rules { get; } = new();

    internal Alerts.FakeLiveAlerts Live { get; } = new();

    protected IncidentsTestContext()
    {
        Services.AddSingleton<IIncidentStore>(Store);
        Services.AddSingleton<IIncidentEvidence>(Evidence);
        Services.AddSingleton<Portal.Infrastructure.Catalog.IRuleStore>(Rules);
        Services.AddSingleton<Portal.Infrastructure.Live.ILiveAlerts>(Live);
        Services.AddSingleton<Portal.Infrastructure.Identity.ITeams>(new Admin.FakeTeams());
        Services.AddSingleton(new IncidentNotices());
        Services.AddSingleton(Api.ApiHttp.User("tester"));
    }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    protected void SignIn(string name, string role, params string[] teams)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        claims.AddRange(teams.Select(t => new Claim(Portal.Infrastructure.Identity.PortalClaims.Team, t)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        Services.AddSingleton(new ActingUser(new Api.ApiHttp.StaticOptions(new ApiSettings()), new CircuitUser { Principal = principal }));
    }
}
