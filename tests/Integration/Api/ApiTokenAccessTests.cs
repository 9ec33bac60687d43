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
    private async Task<(string Name, string Secret, Guid Id)> UserWithTokenAsync(params PortalRole[] roles)
    {
        var name = "token-user-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser(name);
            Assert.True((await users.CreateAsync(user, "Passw0rd-" + Guid.NewGuid().ToString("N"))).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, roles.Select(r => r.ToString()))).Succeeded);
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
}
