using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Incidents;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Incidents;

/// <summary>
/// /api/v1/incidents, /incident-templates and /severity-levels through the real portal and database. The evidence is
/// <see cref="FakeEvidence"/> (the Prometheus-backed one lives on another branch): what is tested is what the API does with it.
/// </summary>
public sealed class IncidentsApiTests(ApiPortal api) : IClassFixture<ApiPortal>, IDisposable
{
    private static readonly RuleFacts Rule = new(Guid.NewGuid(), 4, "QueueBacklog", "queue_depth > 500", "queue_depth", ">", 500,
        TimeSpan.FromMinutes(10), TimeSpan.Zero, TimeSpan.FromSeconds(30), "api-tests", null);

    private readonly FakeEvidence _evidence = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _portal;
    private HttpClient? _http;

    private HttpClient Http
    {
        get
        {
            if (_http is null)
            {
                _portal = api.Portal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IIncidentEvidence>(_evidence)));
                _http = _portal.CreateClient();
                _http.DefaultRequestHeaders.Authorization = api.Http.DefaultRequestHeaders.Authorization;
            }

            return _http;
        }
    }

    public void Dispose()
    {
        _http?.Dispose();
        _portal?.Dispose();
    }

    private async Task<(string Location, uint Version, System.Text.Json.JsonElement Json)> StartAsync(object body)
    {
        using var created = await Http.PostAsJsonAsync("/api/v1/incidents", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (created.Headers.Location!.ToString(), uint.Parse(created.Headers.ETag!.Tag.Trim('"')), await ApiPortal.JsonAsync(created));
    }

    [Fact]
    public async Task Start_Get_PutWithIfMatch_AStaleIfMatchIs412_AndAStaleBodyVersion409()
    {
        var (location, version, json) = await StartAsync(new { title = "Checkout errors", severity = "SEV-2", template = "status-update" });
        Assert.StartsWith("INC-", json.GetProperty("key").GetString());
        Assert.Equal("Investigating", json.GetProperty("status").GetString());
        Assert.Equal("detected", json.GetProperty("timeline")[0].GetProperty("kind").GetString());

        using var read = await Http.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal($"\"{version}\"", read.Headers.ETag?.Tag);

        using var put = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(new { status = "Identified", body = "Bad deploy." }) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var saved = await Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var savedJson = await ApiPortal.JsonAsync(saved);
        Assert.Equal(("Identified", "Bad deploy.", 2), (savedJson.GetProperty("status").GetString(), savedJson.GetProperty("body").GetString(), savedJson.GetProperty("revision").GetInt32()));

        using var stalePut = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(new { body = "mine" }) };
        stalePut.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var stale = await Http.SendAsync(stalePut);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        using var staleBody = await Http.PutAsJsonAsync(location, new { body = "mine", version });
        Assert.Equal(HttpStatusCode.Conflict, staleBody.StatusCode);

        using var noVersion = await Http.PutAsJsonAsync(location, new { body = "mine" });
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Equal("version", (await ApiPortal.JsonAsync(noVersion)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        Assert.Equal("Bad deploy.", (await ApiPortal.JsonAsync(await Http.GetAsync(location))).GetProperty("body").GetString());
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_AndAnUnknownIncidentIs404()
    {
        using var noTemplate = await Http.PostAsJsonAsync("/api/v1/incidents", new { title = "x" });
        using var badSeverity = await Http.PostAsJsonAsync("/api/v1/incidents", new { template = "postmortem", severity = "SEV-9" });
        using var typo = await Http.PostAsJsonAsync("/api/v1/incidents", new { template = "postmortem", titel = "typo" });
        using var badStatus = await Http.GetAsync("/api/v1/incidents?status=Sleeping");
        using var badSince = await Http.GetAsync("/api/v1/incidents?since=yesterday");
        using var badPage = await Http.GetAsync("/api/v1/incidents?page=0");
        using var missing = await Http.GetAsync($"/api/v1/incidents/{Guid.NewGuid()}");
        using var huge = await Http.PostAsJsonAsync("/api/v1/incidents", new { template = "postmortem", title = new string('x', 2 * 1024 * 1024) });

        async Task<string?> Field(HttpResponseMessage r) => (await ApiPortal.JsonAsync(r)).GetProperty("fieldErrors")[0].GetProperty("field").GetString();
        Assert.Equal("template", await Field(noTemplate));
        Assert.Equal("severity", await Field(badSeverity));
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("status", await Field(badStatus));
        Assert.Equal("since", await Field(badSince));
        Assert.Equal("page", await Field(badPage));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task TimelineAndActions_ArePosted_WithFieldErrors_AndTheListFiltersAndPages()
    {
        var word = "api" + Guid.NewGuid().ToString("N")[..8];
        var (location, _, _) = await StartAsync(new { title = $"Search {word}", severity = "SEV-1", template = "status-update" });

        using var note = await Http.PostAsJsonAsync(location + "/timeline", new { kind = "status-update", text = "Rolling back." });
        using var badKind = await Http.PostAsJsonAsync(location + "/timeline", new { kind = "alert-firing", text = "x" });
        using var action = await Http.PostAsJsonAsync(location + "/actions", new { text = "Add a canary", owner = "sam", due = "2030-01-31", status = "in-progress" });
        using var badDue = await Http.PostAsJsonAsync(location + "/actions", new { text = "x", due = "1990-01-01" });

        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal("status-update", (await ApiPortal.JsonAsync(note)).GetProperty("kind").GetString());
        Assert.Equal("kind", (await ApiPortal.JsonAsync(badKind)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, action.StatusCode);
        Assert.Equal("in-progress", (await ApiPortal.JsonAsync(action)).GetProperty("status").GetString());
        Assert.Equal("due", (await ApiPortal.JsonAsync(badDue)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());

        var list = await ApiPortal.JsonAsync(await Http.GetAsync($"/api/v1/incidents?q={word}&severity=SEV-1&status=investigating&page=1"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(1, list.GetProperty("items")[0].GetProperty("openActions").GetInt32());
        var none = await ApiPortal.JsonAsync(await Http.GetAsync($"/api/v1/incidents?q={word}&severity=SEV-2"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ExportMd_IsAnAttachment_WithTheAlertName_TheThresholdInForce_AndTheTimeline()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var labels = new Dictionary<string, string> { ["alertname"] = "QueueBacklog", ["job"] = "worker", ["severity"] = "warning" };
        _evidence.Next = new IncidentEvidence(Rule, new AlertFacts("QueueBacklog", labels, 812, at),
            [new TimelineEntry(Guid.NewGuid(), at.AddMinutes(2), TimelineKind.AlertFiring, "QueueBacklog firing on worker", true, null)], null, []);
        var (location, _, json) = await StartAsync(new { template = "postmortem", ruleId = Rule.RuleId, alert = labels, startedAt = at });
        Assert.Equal("QueueBacklog on worker", json.GetProperty("title").GetString());
        Assert.Equal("SEV-2", json.GetProperty("severity").GetString());
        using var ack = await Http.PostAsJsonAsync(location + "/timeline", new { kind = "acknowledged", text = "Looking at the consumers.", at = at.AddMinutes(5) });
        Assert.Equal(HttpStatusCode.Created, ack.StatusCode);

        using var export = await Http.GetAsync(location + "/export.md");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/markdown", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".md", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var markdown = await export.Content.ReadAsStringAsync();
        Assert.Contains("QueueBacklog", markdown);
        Assert.Contains("queue_depth > 500", markdown);
        Assert.Contains("500", markdown);
        Assert.Contains("Looking at the consumers.", markdown);
        Assert.Contains("QueueBacklog firing on worker", markdown);
        Assert.Contains(json.GetProperty("key").GetString()!, markdown);
    }

    [Fact]
    public async Task TemplatesAndSeverityLevels_AreAdmins_AnEditorGets403_AndTheRefusalIsAudited()
    {
        var name = "inc-editor-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser(name);
            Assert.True((await users.CreateAsync(user, "Passw0rd-" + Guid.NewGuid().ToString("N"))).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, [nameof(PortalRole.Editor)])).Succeeded);
        }

        var (_, secret) = await api.Portal.Services.GetRequiredService<IApiTokens>().CreateAsync(As.Admin(name), "test", default);
        using var editor = api.Portal.CreateClient();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var key = "ed-" + Guid.NewGuid().ToString("N")[..8];

        using var template = await editor.PostAsJsonAsync("/api/v1/incident-templates", new { key, name = "Mine", description = "", body = "# {{alert.name}}" });
        using var levels = await editor.PutAsJsonAsync("/api/v1/severity-levels", new[] { new { name = "P1", description = "All", expectedResponseSeconds = 60, labelValues = new[] { "critical" }, rank = 1 } });
        using var incident = await editor.PostAsJsonAsync("/api/v1/incidents", new { template = "status-update" });

        Assert.Equal(HttpStatusCode.Forbidden, template.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, levels.StatusCode);
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        var audit = api.Portal.Services.GetRequiredService<IAuditLog>();
        Assert.Equal(key, Assert.Single((await audit.QueryAsync(new AuditQuery(Actor: name, Action: "denied.incident-template.save"), default)).Items).Subject);
        Assert.Single((await audit.QueryAsync(new AuditQuery(Actor: name, Action: "denied.severity-levels.save"), default)).Items);

        using var adminTemplate = await Http.PostAsJsonAsync("/api/v1/incident-templates", new { key, name = "Admin's", description = "", body = "# {{alert.name}}" });
        using var duplicate = await Http.PostAsJsonAsync("/api/v1/incident-templates", new { key, name = "Again", description = "", body = "x" });
        using var badBody = await Http.PutAsJsonAsync($"/api/v1/incident-templates/{key}", new { name = "Admin's", description = "", body = "{{rule.treshold}}" });
        Assert.Equal(HttpStatusCode.Created, adminTemplate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal("body", (await ApiPortal.JsonAsync(badBody)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        var listed = await ApiPortal.JsonAsync(await Http.GetAsync("/api/v1/severity-levels"));
        Assert.Equal(["SEV-1", "SEV-2", "SEV-3"], listed.EnumerateArray().Select(l => l.GetProperty("name").GetString()));
    }
    [Fact]
    public async Task Revisions_ListedAndRestored_WithIfMatch_AndAStaleOneIs412()
    {
        var (location, version, json) = await StartAsync(new { title = "Restore me", severity = "SEV-3", template = "status-update" });
        var first = json.GetProperty("body").GetString();
        using var put = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(new { body = "Rewritten." }) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var saved = await Http.SendAsync(put);
        var now = (await ApiPortal.JsonAsync(saved)).GetProperty("version").GetUInt32();

        var revisions = await ApiPortal.JsonAsync(await Http.GetAsync($"{location}/revisions"));
        Assert.Equal([2, 1], revisions.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"{location}/revisions/1/restore");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Http.SendAsync(stale)).StatusCode);
        using var restore = new HttpRequestMessage(HttpMethod.Post, $"{location}/revisions/1/restore");
        restore.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{now}\""));
        using var restored = await Http.SendAsync(restore);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var body = await ApiPortal.JsonAsync(restored);
        Assert.Equal((first, 3), (body.GetProperty("body").GetString(), body.GetProperty("revision").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostAsync($"{location}/revisions/1/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/v1/incidents/{Guid.NewGuid()}/revisions")).StatusCode);
    }

    [Fact]
    public async Task ActionItemsAndTimelineEntries_AreDeleted_204_ThenNotFound_AndARefreshWithNothingToLookForIs400()
    {
        var (location, _, _) = await StartAsync(new { title = "Tidy up", severity = "SEV-3", template = "status-update" });
        using var added = await Http.PostAsJsonAsync($"{location}/actions", new { text = "Twice by mistake" });
        var actionId = (await ApiPortal.JsonAsync(added)).GetProperty("id").GetGuid();
        var entryId = (await ApiPortal.JsonAsync(await Http.GetAsync(location))).GetProperty("timeline")[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"{location}/actions/{actionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"{location}/actions/{actionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"{location}/actions/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"{location}/timeline/{entryId}")).StatusCode);
        var read = await ApiPortal.JsonAsync(await Http.GetAsync(location));
        Assert.Equal((0, 0), (read.GetProperty("actions").GetArrayLength(), read.GetProperty("timeline").GetArrayLength()));

        using var refresh = await Http.PostAsync($"{location}/timeline/refresh", null);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("without an alert or a rule", await refresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

}
