using Portal.Security;
using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Components.Layout;

namespace Portal.Tests.Unit.Components;

public class NavMenuTests : BunitTestContext
{
    public static TheoryData<string, string> Areas()
    {
        var data = new TheoryData<string, string>();
        foreach (var area in PortalAreas.All)
        {
            data.Add(area.Title, area.Route);
        }

        return data;
    }

    [Fact]
    public void NavMenu_ListsEveryAreaOfTheDesign()
    {
        Services.AddSingleton(Api.ApiHttp.User("tester"));
        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();

        Assert.Equal(
            ["Home", "Rules", "Alerts", "Tuning", "Publish", "Runbooks", "Incidents", "Health", "Capacity", "Admin"],
            links.Select(l => l.Text).ToArray());
        Assert.Equal(
            ["/", "/rules", "/alerts", "/tuning", "/publish", "/runbooks", "/incidents", "/status", "/capacity", "/admin"],
            links.Select(l => l.Href ?? "").ToArray());
    }

    [Fact]
    public void NavMenu_LeavesOutAdmin_ForSomeoneWhoIsNotAnAdmin()
    {
        var viewer = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "vera"), new(System.Security.Claims.ClaimTypes.Role, "Viewer")], "test"));
        Services.AddSingleton(new Portal.Security.ActingUser(new Api.ApiHttp.StaticOptions(new Portal.Api.V1.ApiSettings()), new Portal.Security.CircuitUser { Principal = viewer }));

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Publish", links);
        Assert.DoesNotContain("Admin", links);
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void EveryAreaLink_LeadsToExactlyOneRoutablePage(string title, string route)
    {
        var pages = typeof(PortalAreas).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == route))
            .ToList();

        var page = Assert.Single(pages);
        Assert.EndsWith("Page", page.Name);
        Assert.False(string.IsNullOrEmpty(title));
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void EveryAreaPage_RendersItsHeading(string title, string route)
    {
        var pageType = typeof(PortalAreas).Assembly.GetTypes()
            .Single(t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == route));
        Services.AddSingleton<HealthCheckService>(new FixedHealthCheckService());
        Services.AddSingleton(new Portal.Infrastructure.Health.HealthHistory());
        Services.AddSingleton<Portal.Infrastructure.Health.IStatusReporter>(new Features.Health.FakeStatusReporter { Report = Features.Health.FakeStatusReporter.Sample() });
        Services.AddSingleton<Portal.Infrastructure.Catalog.IRuleStore>(new Features.Rules.FakeRuleStore());
        Services.AddSingleton<Portal.Infrastructure.Live.ILiveAlerts>(new Features.Alerts.FakeLiveAlerts());
        Services.AddSingleton(Api.ApiHttp.User("tester"));
        Services.AddSingleton<Portal.Infrastructure.Tuning.ITuningTargets>(new NoTuningTargets());
        Services.AddSingleton<Portal.Infrastructure.Tuning.ITuningData>(new NoTuningData());
        Services.AddSingleton<Portal.Infrastructure.Publishing.IPublisher>(new Features.Publishing.FakePublisher());
        Services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog>(new Features.Admin.FakeAuditLog());
        Services.AddSingleton<Portal.Infrastructure.Publishing.IPublishTargets>(new Features.Admin.FakeTargets());
        Services.AddSingleton<Portal.Infrastructure.Identity.IUserDirectory>(new Features.Admin.FakeUsers());
        Services.AddSingleton<Portal.Infrastructure.Identity.ITeams>(new Features.Admin.FakeTeams());
        Services.AddSingleton<Portal.Infrastructure.Runbooks.IRunbookStore>(new Fakes.FakeRunbookStore());
        Services.AddSingleton<Portal.Infrastructure.Capacity.ICapacityStore>(new Features.Capacity.FakeCapacityStore());
        Services.AddSingleton<Portal.Infrastructure.Capacity.ICapacityEvaluator>(new Features.Capacity.FakeCapacityEvaluator());
        Services.AddSingleton<Portal.Infrastructure.Incidents.IIncidentStore>(new Features.Incidents.FakeIncidentStore());
        Services.AddSingleton<Portal.Infrastructure.Cluster.IReplicaDirectory>(new Features.Health.FakeReplicaDirectory());
        Services.AddSingleton<Portal.Infrastructure.Cluster.ILeaderLocks>(new Features.Health.FakeLeaderLocks());
        Services.AddSingleton(new Portal.Infrastructure.Cluster.ReplicaIdentity(Microsoft.Extensions.Options.Options.Create(new Portal.Infrastructure.Cluster.ClusterOptions { ReplicaName = "replica-1" }), TimeProvider.System));

        var page = Render(builder =>
        {
            builder.OpenComponent(0, pageType);
            builder.CloseComponent();
        });

        Assert.Equal(title, page.Find("h1").TextContent.Trim());
    }
}

/// <summary>A health service that always reports the same healthy database, for pages that show health.</summary>
internal sealed class FixedHealthCheckService : HealthCheckService
{
    public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default) =>
        Task.FromResult(new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["db"] = new(HealthStatus.Healthy, null, TimeSpan.FromMilliseconds(4), null, new Dictionary<string, object> { ["database"] = "portal" }),
            },
            TimeSpan.FromMilliseconds(4)));
}

/// <summary>Tuning with nothing to tune: the page shows its empty state.</summary>
internal sealed class NoTuningTargets : Portal.Infrastructure.Tuning.ITuningTargets
{
    public Task<(Portal.Infrastructure.Tuning.TuningTarget? Target, string? Problem)> ForRuleAsync(Guid ruleId, CancellationToken ct) =>
        Task.FromResult<(Portal.Infrastructure.Tuning.TuningTarget?, string?)>((null, "There is no such rule."));
}

internal sealed class NoTuningData : Portal.Infrastructure.Tuning.ITuningData
{
    public Task<Portal.Infrastructure.Tuning.TuningSamples> LoadAsync(Portal.Infrastructure.Tuning.TuningRequest request, CancellationToken ct) =>
        throw new InvalidOperationException("the empty tuning page must not load samples");
}
