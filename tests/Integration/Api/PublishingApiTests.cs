using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Portal.Tests.Integration.Publishing;

namespace Portal.Tests.Integration.Api;

/// <summary>POST /publish (dry run by default), GET /releases[/{n}], POST /releases/{n}/rollback, the download.</summary>
[Collection(PublishingStack.Collection)]
public sealed class PublishingApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Rules = """
        groups:
        - name: api
          rules:
          - alert: PublishedThroughTheApi
            expr: up > 0.5
            labels:
              severity: warning
        """;

    [Fact]
    public async Task Publish_IsADryRunUnlessConfirmed_ThenPublishes_ListsAndRollsBack()
    {
        var ns = $"api-publish-{Guid.NewGuid():N}"[..20];
        var import = await api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={ns}", new StringContent(Rules, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        var dry = await ApiPortal.JsonAsync(await api.Http.PostAsync("/api/v1/publish", null));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, dry.GetProperty("release").ValueKind);
        Assert.Contains(dry.GetProperty("plan").GetProperty("changes").EnumerateArray(),
            c => c.GetProperty("rule").GetString() == "PublishedThroughTheApi" && c.GetProperty("kind").GetString() == "added");

        var noNote = await api.Http.PostAsJsonAsync("/api/v1/publish", new { confirm = true });
        Assert.Equal(HttpStatusCode.Conflict, noNote.StatusCode);
        Assert.Contains("release note", (await ApiPortal.JsonAsync(noNote)).GetProperty("detail").GetString());

        var published = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "from the API", confirm = true, confirmEmpty = true });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var release = (await ApiPortal.JsonAsync(published)).GetProperty("release");
        var number = release.GetProperty("number").GetInt64();
        Assert.All(release.GetProperty("targets").EnumerateArray(), t => Assert.Equal("live", t.GetProperty("outcome").GetString()));

        var list = await ApiPortal.JsonAsync(await api.Http.GetAsync("/api/v1/releases"));
        Assert.Equal(number, list[0].GetProperty("number").GetInt64());
        Assert.Equal(ApiPortal.Admin, list[0].GetProperty("actor").GetString());
        var detail = await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/releases/{number}"));
        Assert.Contains(detail.GetProperty("files").EnumerateArray(), f => f.GetProperty("fileName").GetString() == ns + ".yml");

        var zip = await api.Http.GetAsync($"/api/v1/releases/{number}/download");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            Assert.Contains(archive.Entries, e => e.Name == ns + ".yml");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/api/v1/releases/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.PostAsJsonAsync("/api/v1/releases/999999/rollback", new { note = "x", confirm = true })).StatusCode);

        // Rolling back to the release itself changes nothing on disk: refused as "nothing to publish".
        var same = await api.Http.PostAsJsonAsync($"/api/v1/releases/{number}/rollback", new { note = "again", confirm = true });
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.StartsWith("Nothing to publish", (await ApiPortal.JsonAsync(same)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Publish_OfChosenNamespaces_TakesOnlyThose_AndTheTargetsLiveFilesSayWhich()
    {
        var (chosen, left) = ($"api-chosen-{Guid.NewGuid():N}"[..19], $"api-left-{Guid.NewGuid():N}"[..17]);
        foreach (var ns in new[] { chosen, left })
        {
            var import = await api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={ns}", new StringContent(Rules, System.Text.Encoding.UTF8, "application/yaml"));
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        }

        var published = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "only one", confirm = true, namespaces = new[] { chosen } });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var body = await ApiPortal.JsonAsync(published);
        Assert.Equal([chosen], body.GetProperty("plan").GetProperty("scope").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(body.GetProperty("plan").GetProperty("namespaces").EnumerateArray(),
            n => n.GetProperty("namespace").GetString() == left && n.GetProperty("status").GetString() == "not-in-release");
        var number = body.GetProperty("release").GetProperty("number").GetInt64();

        var target = body.GetProperty("plan").GetProperty("targets")[0].GetString();
        var live = await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/targets/{target}/live"));
        var files = live.GetProperty("files").EnumerateArray().ToList();
        Assert.Contains(files, f => f.GetProperty("namespace").GetString() == chosen && f.GetProperty("release").GetInt64() == number);
        Assert.DoesNotContain(files, f => f.GetProperty("namespace").GetString() == left);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/api/v1/targets/no-such-target/live")).StatusCode);
    }

    [Fact]
    public async Task Publish_NamingAnUnknownOrEmptyNamespace_Is400_WithWhich()
    {
        var unknown = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "x", confirm = true, namespaces = new[] { "does-not-exist-anywhere" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("does-not-exist-anywhere", (await ApiPortal.JsonAsync(unknown)).GetProperty("detail").GetString());

        var empty = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "x", confirm = true, namespaces = new[] { "ok", " " } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("[1]", (await ApiPortal.JsonAsync(empty)).GetProperty("detail").GetString());

        var many = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "x", confirm = true, namespaces = Enumerable.Range(0, 1_001).Select(i => $"n{i}") });
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
    }

    [Fact]
    public async Task Publish_WithoutAToken_IsRefused()
    {
        using var anonymous = api.Portal.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/publish", new { note = "x", confirm = true })).StatusCode);
    }
}
