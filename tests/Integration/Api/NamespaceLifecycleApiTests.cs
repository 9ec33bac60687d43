using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Integration.Api;

/// <summary>PATCH/DELETE /namespaces/{name}, the trash and restore, through HTTP with tokens: every status code a client meets.</summary>
public sealed class NamespaceLifecycleApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static HttpRequestMessage Patch(string name, string json) =>
        new(HttpMethod.Patch, $"/api/v1/namespaces/{name}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private async Task<Guid> RuleAsync(Guid groupId, string name)
    {
        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", new { groupId, kind = "alerting", name, expr = "up == 0" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await ApiPortal.JsonAsync(created)).GetProperty("id").GetGuid();
    }

    private async Task<HttpClient> EditorOfAsync(string team)
    {
        var name = Unique("editor");
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser(name);
            Assert.True((await users.CreateAsync(user, "Passw0rd-" + Guid.NewGuid().ToString("N"))).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, nameof(PortalRole.Editor))).Succeeded);
            Assert.True((await users.AddClaimAsync(user, new System.Security.Claims.Claim(PortalClaims.Team, team))).Succeeded);
        }

        var (_, secret) = await api.Portal.Services.GetRequiredService<IApiTokens>().CreateAsync(As.Admin(name), "test", default);
        var http = api.Portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    [Fact]
    public async Task Patch_Renames_Archives_AndAnswers400_404_409_AsAClientNeeds()
    {
        var name = Unique("checkout");
        var other = Unique("other");
        await api.CreateGroupAsync(name, "api");
        await api.CreateGroupAsync(other, "api");
        var renamed = Unique("renamed");

        using var rename = await api.Http.SendAsync(Patch(name, $$"""{"name": "{{renamed}}"}"""));
        using var oldName = await api.Http.GetAsync($"/api/v1/namespaces/{name}");
        using var archive = await api.Http.SendAsync(Patch(renamed, """{"archived": true}"""));
        using var taken = await api.Http.SendAsync(Patch(renamed, $$"""{"name": "{{other}}"}"""));
        using var invalid = await api.Http.SendAsync(Patch(renamed, """{"name": "Not Valid"}"""));
        using var empty = await api.Http.SendAsync(Patch(renamed, "{}"));
        using var badJson = await api.Http.SendAsync(Patch(renamed, "{\n  \"archived\": tru\n}"));
        using var missing = await api.Http.SendAsync(Patch(Unique("nothing"), """{"archived": true}"""));

        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal(renamed, (await ApiPortal.JsonAsync(rename)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, oldName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.True((await ApiPortal.JsonAsync(archive)).GetProperty("archived").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("already exists", (await ApiPortal.JsonAsync(taken)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("name", (await ApiPortal.JsonAsync(invalid)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Contains("line 2", (await ApiPortal.JsonAsync(badJson)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Delete_WantsTheNameTyped_Then204_ThenTheNameIsFree()
    {
        var name = Unique("doomed");
        await api.CreateGroupAsync(name, "api");

        using var unconfirmed = await api.Http.DeleteAsync($"/api/v1/namespaces/{name}");
        using var mistyped = await api.Http.DeleteAsync($"/api/v1/namespaces/{name}?confirm=doomed");
        using var deleted = await api.Http.DeleteAsync($"/api/v1/namespaces/{name}?confirm={name}");
        using var again = await api.Http.DeleteAsync($"/api/v1/namespaces/{name}?confirm={name}");
        using var recreated = await api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name, team = "api-tests" });

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal("confirm", (await ApiPortal.JsonAsync(unconfirmed)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recreated.StatusCode);
    }

    [Fact]
    public async Task AnotherTeamsEditor_Gets403_ForPatchDeleteAndRestore_AndATeamIsRequired()
    {
        var name = Unique("owned");
        var group = await api.CreateGroupAsync(name, "api");
        var rule = await RuleAsync(group, "Owned");
        using (var delete = await api.Http.DeleteAsync($"/api/v1/rules/{rule}?version={(await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/rules/{rule}"))).GetProperty("version").GetUInt32()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var stranger = await EditorOfAsync("team-b");
        using var patch = await stranger.SendAsync(Patch(name, """{"archived": true}"""));
        using var remove = await stranger.DeleteAsync($"/api/v1/namespaces/{name}?confirm={name}");
        using var restore = await stranger.PostAsync($"/api/v1/rules/{rule}/restore", null);
        using var noTeam = await api.Http.PostAsync($"/api/v1/import?dryRun=false&namespace={Unique("teamless")}",
            new StringContent("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.Contains("team api-tests", (await ApiPortal.JsonAsync(patch)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, restore.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTeam.StatusCode);
        Assert.Contains("team", (await noTeam.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Trash_ListsWhoDeleted_Restore_Brings_ItBack_And_ASameNamedLiveRule_Is409()
    {
        var name = Unique("trash");
        var group = await api.CreateGroupAsync(name, "api");
        var rule = await RuleAsync(group, "Flappy");
        var version = (await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/rules/{rule}"))).GetProperty("version").GetUInt32();
        using (var delete = await api.Http.DeleteAsync($"/api/v1/rules/{rule}?version={version}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var trash = await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/namespaces/{name}/trash"));
        Assert.Equal(1, trash.GetArrayLength());
        Assert.Equal(("Flappy", ApiPortal.Admin), (trash[0].GetProperty("name").GetString(), trash[0].GetProperty("deletedBy").GetString()));

        var twin = await RuleAsync(group, "Flappy");
        using var conflict = await api.Http.PostAsync($"/api/v1/rules/{rule}/restore", null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("already has a rule named Flappy", (await ApiPortal.JsonAsync(conflict)).GetProperty("detail").GetString());

        var twinVersion = (await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/rules/{twin}"))).GetProperty("version").GetUInt32();
        (await api.Http.DeleteAsync($"/api/v1/rules/{twin}?version={twinVersion}")).Dispose();
        using var restored = await api.Http.PostAsync($"/api/v1/rules/{rule}/restore", null);
        using var unknown = await api.Http.PostAsync($"/api/v1/rules/{Guid.NewGuid()}/restore", null);
        using var noNamespace = await api.Http.GetAsync($"/api/v1/namespaces/{Unique("none")}/trash");

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("Flappy", (await ApiPortal.JsonAsync(restored)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync($"/api/v1/rules/{rule}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noNamespace.StatusCode);
    }
}
