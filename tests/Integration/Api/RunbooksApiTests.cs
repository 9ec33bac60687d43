using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Integration.Api;

public sealed class RunbooksApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static string Slug(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 9)];

    private static Dictionary<string, object?> Runbook(string slug, string title = "Disk filling up", string body = "## Summary\nThe disk fills.", uint? version = null) => new()
    {
        ["slug"] = slug,
        ["title"] = title,
        ["tags"] = new[] { "disk", "node" },
        ["team"] = "api-tests",
        ["body"] = body,
        ["reviewIntervalDays"] = 90,
        ["version"] = version,
    };

    private async Task<(string Location, uint Version)> CreateAsync(string slug, string title = "Disk filling up", string body = "## Summary\nThe disk fills.")
    {
        using var created = await api.Http.PostAsJsonAsync("/api/v1/runbooks", Runbook(slug, title, body));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (created.Headers.Location!.ToString(), uint.Parse(created.Headers.ETag!.Tag.Trim('"')));
    }

    [Fact]
    public async Task Create_Get_PutWithIfMatch_ThenAStaleIfMatch_Is412()
    {
        var slug = Slug("disk");
        var (location, version) = await CreateAsync(slug);
        Assert.Equal($"/api/v1/runbooks/{slug}", location);

        using var read = await api.Http.GetAsync(location);
        var json = await ApiPortal.JsonAsync(read);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal($"\"{version}\"", read.Headers.ETag?.Tag);
        Assert.Equal(["disk", "node"], json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, json.GetProperty("revision").GetInt32());
        Assert.Equal(ApiPortal.Admin, json.GetProperty("updatedBy").GetString());

        var update = Runbook(slug, body: "## Summary\nThe disk fills up fast.");
        update.Remove("version");
        using var put = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(update) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var saved = await api.Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (await ApiPortal.JsonAsync(saved)).GetProperty("revision").GetInt32());

        using var stalePut = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(Runbook(slug, body: "mine")) };
        stalePut.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var stale = await api.Http.SendAsync(stalePut);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);

        using var staleBody = await api.Http.PutAsJsonAsync(location, Runbook(slug, body: "mine", version: version));
        Assert.Equal(HttpStatusCode.Conflict, staleBody.StatusCode);

        using var noVersion = await api.Http.PutAsJsonAsync(location, Runbook(slug, body: "mine"));
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);

        using var revisions = await api.Http.GetAsync(location + "/revisions");
        Assert.Equal([2, 1], (await ApiPortal.JsonAsync(revisions)).EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task ARenamedRunbook_RedirectsItsOldAddress_With308()
    {
        var old = Slug("old");
        var renamed = Slug("new");
        var (location, version) = await CreateAsync(old);
        using var rename = await api.Http.PutAsJsonAsync(location, Runbook(renamed, version: version));
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);

        using var noFollow = api.Portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        noFollow.DefaultRequestHeaders.Authorization = api.Http.DefaultRequestHeaders.Authorization;
        using var moved = await noFollow.GetAsync($"/api/v1/runbooks/{old}");
        using var movedRevisions = await noFollow.GetAsync($"/api/v1/runbooks/{old}/revisions");

        Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
        Assert.Equal($"/api/v1/runbooks/{renamed}", moved.Headers.Location?.ToString());
        Assert.Equal($"/api/v1/runbooks/{renamed}/revisions", movedRevisions.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/runbooks/{Slug("nothing")}")).StatusCode);
    }

    [Fact]
    public async Task InvalidFields_Are400NamingTheField()
    {
        using var badSlug = await api.Http.PostAsJsonAsync("/api/v1/runbooks", Runbook("Not A Slug"));
        using var badDays = await api.Http.PostAsJsonAsync("/api/v1/runbooks", new Dictionary<string, object?>(Runbook(Slug("days"))) { ["reviewIntervalDays"] = 0 });
        using var unknownField = await api.Http.PostAsJsonAsync("/api/v1/runbooks", new Dictionary<string, object?>(Runbook(Slug("field"))) { ["titel"] = "typo" });

        Assert.Equal(HttpStatusCode.BadRequest, badSlug.StatusCode);
        Assert.Equal("slug", (await ApiPortal.JsonAsync(badSlug)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        Assert.Equal("reviewIntervalDays", (await ApiPortal.JsonAsync(badDays)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
    }

    [Fact]
    public async Task ABodyOver1MB_Is400NamingTheBody_AndAFarLargerRequestIs413()
    {
        using var over = await api.Http.PostAsJsonAsync("/api/v1/runbooks", Runbook(Slug("big"), body: new string('x', RunbookLimits.MaxBodyBytes + 1)));
        using var huge = await api.Http.PostAsJsonAsync("/api/v1/runbooks", Runbook(Slug("huge"), body: new string('x', 3 * RunbookLimits.MaxBodyBytes)));

        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal("body", (await ApiPortal.JsonAsync(over)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Search_RanksTheTitleMatchFirst_WithMarkedSnippetParts()
    {
        var word = "zx" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'q');
        await CreateAsync(Slug("body"), "Something", $"Look at the {word} panel first.");
        var (title, _) = await CreateAsync(Slug("title"), $"When {word} breaks", "Steps.");

        using var response = await api.Http.GetAsync($"/api/v1/runbooks/search?q={word}&team=api-tests&tag=disk");
        var hits = (await ApiPortal.JsonAsync(response)).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, hits.Count);
        Assert.Equal(title, "/api/v1/runbooks/" + hits[0].GetProperty("slug").GetString());
        var parts = hits[1].GetProperty("parts").EnumerateArray().ToList();
        Assert.Contains(parts, p => p.GetProperty("match").GetBoolean() && p.GetProperty("text").GetString() == word);
        Assert.DoesNotContain(SearchSnippet.Start, hits[1].GetProperty("snippet").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.GetAsync($"/api/v1/runbooks/search?q={new string('a', 501)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.GetAsync("/api/v1/runbooks/search?q=x&limit=1000")).StatusCode);
    }

    [Fact]
    public async Task LinkingARule_ThenDeletingTheRunbook_Unlinks()
    {
        var groupId = await api.CreateGroupAsync("runbook-links-" + Guid.NewGuid().ToString("N")[..6], "g");
        using var rule = await api.Http.PostAsJsonAsync("/api/v1/rules", new { groupId, kind = "alerting", name = "DiskFull", expr = "node_filesystem_avail_bytes < 1e9" });
        var ruleId = (await ApiPortal.JsonAsync(rule)).GetProperty("id").GetGuid();
        var slug = Slug("linked");
        var (location, version) = await CreateAsync(slug);

        using var link = await api.Http.PutAsJsonAsync($"/api/v1/rules/{ruleId}/runbook", new { slug });
        using var unknown = await api.Http.PutAsJsonAsync($"/api/v1/rules/{ruleId}/runbook", new { slug = Slug("missing") });
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var runbooks = api.Portal.Services.GetRequiredService<Portal.Infrastructure.Runbooks.IRunbookStore>();
        Assert.Equal(slug, (await runbooks.RuleLinksAsync(default))[ruleId]);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, location);
        delete.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        Assert.Equal(HttpStatusCode.NoContent, (await api.Http.SendAsync(delete)).StatusCode);
        Assert.False((await runbooks.RuleLinksAsync(default)).ContainsKey(ruleId));
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task AnEditorOfAnotherTeam_Gets403_AndTheRefusalIsAudited()
    {
        var name = "rb-editor-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser(name);
            Assert.True((await users.CreateAsync(user, "Passw0rd-" + Guid.NewGuid().ToString("N"))).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, [nameof(PortalRole.Editor)])).Succeeded);
            Assert.True((await users.AddClaimAsync(user, new System.Security.Claims.Claim(PortalClaims.Team, "team-b"))).Succeeded);
        }

        var (_, secret) = await api.Portal.Services.GetRequiredService<IApiTokens>().CreateAsync(As.Admin(name), "test", default);
        using var http = api.Portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var slug = Slug("theirs");

        using var refused = await http.PostAsJsonAsync("/api/v1/runbooks", Runbook(slug));
        using var readable = await http.GetAsync("/api/v1/runbooks");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("api-tests", (await ApiPortal.JsonAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        var denied = await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: name, Action: "denied.runbook.create"), default);
        Assert.Equal(slug, Assert.Single(denied.Items).Subject);
    }
}
