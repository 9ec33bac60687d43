using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;
using Portal.Tests.Integration.Publishing;

namespace Portal.Tests.Integration.Api;

/// <summary>Personal tokens carry their owner's rights: no token 401, a Viewer's token 403 on publish, a revoked one 401.</summary>
[Collection(PublishingStack.Collection)]
public sealed class ApiTokenAccessTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private Task<(string Name, string Secret, Guid Id)> UserWithTokenAsync(params PortalRole[] roles) => UserWithTokenAsync(roles, []);

    private async Task<(string Name, string Secret, Guid Id)> UserWithTokenAsync(PortalRole[] roles, string[] teams)
    {
        var name = "token-user-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser(name);
            Assert.True((await users.CreateAsync(user, "Passw0rd-" + Guid.NewGuid().ToString("N"))).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, roles.Select(r => r.ToString()))).Succeeded);
            Assert.True((await users.AddClaimsAsync(user, teams.Select(t => new System.Security.Claims.Claim(PortalClaims.Team, t)))).Succeeded);
        }

        var (info, secret) = await api.Portal.Services.GetRequiredService<IApiTokens>().CreateAsync(As.Admin(name), "test", default);
        return (name, secret, info.Id);
    }

    private HttpClient With(string? token)
    {
        var http = api.Portal.CreateClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    [Fact]
    public async Task AViewersToken_MayLookAtThePlan_ButPublishingIs403_AndAudited()
    {
        var (viewer, secret, _) = await UserWithTokenAsync(PortalRole.Viewer);
        using var http = With(secret);
        var principal = await api.Portal.Services.GetRequiredService<IApiTokens>().AuthenticateAsync(secret, default);
        Assert.Equal([PortalRole.Viewer], PortalClaims.CallerOf(principal!).Roles);

        var dryRun = await http.PostAsync("/api/v1/publish", null);
        var publish = await http.PostAsJsonAsync("/api/v1/publish", new { note = "not mine to publish", confirm = true });
        var rollback = await http.PostAsJsonAsync("/api/v1/releases/1/rollback", new { note = "nor this", confirm = true });

        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Contains("Publisher role", (await ApiPortal.JsonAsync(publish)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, rollback.StatusCode);
        var denied = await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: viewer, Action: "denied."), default);
        Assert.Equal(["denied.release.publish", "denied.release.rollback"], denied.Items.Select(e => e.Action).Order());
    }

    [Fact]
    public async Task APublishersToken_Publishes_AsItsOwner()
    {
        var (publisher, secret, _) = await UserWithTokenAsync(PortalRole.Publisher);
        using var http = With(secret);

        var publish = await http.PostAsJsonAsync("/api/v1/publish", new { note = "by a publisher's token", confirm = true, confirmEmpty = true });

        // Published, or nothing changed since the last release: either way the role was enough.
        Assert.True(publish.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, await publish.Content.ReadAsStringAsync());
        if (publish.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(publisher, (await ApiPortal.JsonAsync(publish)).GetProperty("release").GetProperty("actor").GetString());
        }
    }

    [Fact]
    public async Task TheBootstrapToken_IsTheAdminsOwn_AndRevokingItCloses_ItsBackDoor()
    {
        var tokens = api.Portal.Services.GetRequiredService<IApiTokens>();
        var bootstrap = (await tokens.ListAsync(ApiPortal.Admin, default)).Single(t => t.Name.StartsWith("bootstrap"));
        await using var portal = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token));
        using var http = portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiPortal.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces")).StatusCode);

        Assert.True(await portal.Services.GetRequiredService<IApiTokens>().RevokeAsync(As.Admin(ApiPortal.Admin), bootstrap.Id, default));

        // Still configured as Portal:BootstrapApiToken, yet refused: revoked is revoked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/namespaces")).StatusCode);
    }

    [Fact]
    public async Task NoToken_Or_ARevokedOne_Is401()
    {
        var (owner, secret, id) = await UserWithTokenAsync(PortalRole.Viewer);
        using (var before = With(secret))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/v1/namespaces")).StatusCode);
        }

        Assert.True(await api.Portal.Services.GetRequiredService<IApiTokens>().RevokeAsync(As.Admin(owner), id, default));

        using var revoked = With(secret);
        using var none = With(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/v1/namespaces")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync("/api/v1/namespaces")).StatusCode);
        var tokens = await api.Portal.Services.GetRequiredService<IApiTokens>().ListAsync(owner, default);
        Assert.NotNull(Assert.Single(tokens).RevokedAt);
    }

    [Fact]
    public async Task AnEditorsToken_WritesItsOwnTeamsRules_IsRefusedAnotherTeams_AndCannotManageTeams()
    {
        var (editor, secret, _) = await UserWithTokenAsync([PortalRole.Editor], ["team-a"]);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ownGroup = await GroupAsync($"own-{suffix}", "team-a");
        var otherGroup = await GroupAsync($"other-{suffix}", "team-b");
        using var http = With(secret);

        using var own = await http.PostAsJsonAsync("/api/v1/rules", new { groupId = ownGroup, kind = "alert", name = "Mine", expr = "up == 0" });
        using var other = await http.PostAsJsonAsync("/api/v1/rules", new { groupId = otherGroup, kind = "alert", name = "Theirs", expr = "up == 0" });
        using var import = await http.PostAsJsonAsync("/api/v1/import?dryRun=false",
            new { text = "groups:\n- name: g\n  rules:\n  - alert: Sneaked\n    expr: up == 0\n", @namespace = $"other-{suffix}" });
        using var team = await http.PostAsJsonAsync("/api/v1/teams", new { name = $"rogue-{suffix}" });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("team team-b", await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, team.StatusCode);
        var detail = (await api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/namespaces/other-{suffix}")).GetProperty("groups")[0].GetProperty("rules");
        Assert.Equal(0, detail.GetArrayLength());

        var denied = await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: editor, Action: "denied."), default);
        Assert.Equal(["denied.rule.create", "denied.rules.import", "denied.team.create"], denied.Items.Select(e => e.Action).Order());
        Assert.All(denied.Items, e => Assert.Equal("api", e.Source));
    }

    [Fact]
    public async Task AnAdmin_ManagesTeams_ThroughTheApi()
    {
        var name = "api-team-" + Guid.NewGuid().ToString("N")[..6];

        using var created = await api.Http.PostAsJsonAsync("/api/v1/teams", new { name, description = "made by a script" });
        using var duplicate = await api.Http.PostAsJsonAsync("/api/v1/teams", new { name });
        using var badName = await api.Http.PostAsJsonAsync("/api/v1/teams", new { name = "Not A Team" });
        var listed = await api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/teams");
        using var deleted = await api.Http.DeleteAsync($"/api/v1/teams/{name}");
        using var again = await api.Http.DeleteAsync($"/api/v1/teams/{name}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("exists already", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains(listed.EnumerateArray(), t => t.GetProperty("name").GetString() == name && t.GetProperty("description").GetString() == "made by a script");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    /// <summary>A namespace of <paramref name="team"/> with one group, made by the admin's token; returns the group's id.</summary>
    private async Task<Guid> GroupAsync(string @namespace, string team)
    {
        using var ns = await api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name = @namespace, team });
        Assert.True(ns.IsSuccessStatusCode, await ns.Content.ReadAsStringAsync());
        using var group = await api.Http.PostAsJsonAsync($"/api/v1/namespaces/{@namespace}/groups", new { name = "g", interval = "1m" });
        Assert.True(group.IsSuccessStatusCode, await group.Content.ReadAsStringAsync());
        return (await ApiPortal.JsonAsync(group)).GetProperty("id").GetGuid();
    }
}
