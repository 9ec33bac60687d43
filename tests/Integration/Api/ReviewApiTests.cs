using System.Net;
using System.Net.Http.Json;

namespace Portal.Tests.Integration.Api;

/// <summary>GET/POST /namespaces/{name}/review and PUT /namespaces/{name}/review-required through the real portal.</summary>
public sealed class ReviewApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private async Task<string> NamespaceWithARuleAsync()
    {
        var ns = $"api-review-{Guid.NewGuid():N}"[..20];
        var group = await api.CreateGroupAsync(ns, "g");
        using var rule = await api.Http.PostAsJsonAsync("/api/v1/rules", new
        {
            groupId = group, kind = "alerting", name = "Reviewed", expr = "up == 0", @for = "5m", labels = new { severity = "page" },
        });
        Assert.True(rule.IsSuccessStatusCode, await rule.Content.ReadAsStringAsync());
        return ns;
    }

    [Fact]
    public async Task Get_ShowsTheDiffTheAuthorsAndTheChecksum_AndTheSettingCanBeTurnedOn()
    {
        var ns = await NamespaceWithARuleAsync();

        var on = await api.Http.PutAsJsonAsync($"/api/v1/namespaces/{ns}/review-required", new { required = true });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);

        var review = await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/namespaces/{ns}/review"));
        Assert.True(review.GetProperty("reviewRequired").GetBoolean());
        Assert.Equal(64, review.GetProperty("checksum").GetString()!.Length);
        Assert.Equal([ApiPortal.Admin], review.GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
        var change = Assert.Single(review.GetProperty("changes").EnumerateArray());
        Assert.Equal("added", change.GetProperty("kind").GetString());
        Assert.Equal("Reviewed", change.GetProperty("rule").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, review.GetProperty("latest").ValueKind);
        Assert.False(review.GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task Post_TheAuthorsOwnApproval_Is403_AndAudited()
    {
        var ns = await NamespaceWithARuleAsync();

        var refused = await api.Http.PostAsJsonAsync($"/api/v1/namespaces/{ns}/review", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("another Publisher", (await ApiPortal.JsonAsync(refused)).GetProperty("detail").GetString());
        var audit = await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/namespaces/{ns}/review"));
        Assert.Equal(0, audit.GetProperty("history").GetArrayLength());
        var log = api.Portal.Services.GetService(typeof(Portal.Infrastructure.Audit.IAuditLog)) as Portal.Infrastructure.Audit.IAuditLog;
        var denied = await log!.QueryAsync(new Portal.Infrastructure.Audit.AuditQuery(Action: "denied.review.approve", Subject: ns), default);
        Assert.Equal("api", Assert.Single(denied.Items).Source);
    }

    [Fact]
    public async Task Post_ABadDecision_Is400_AndAnUnknownNamespace_404()
    {
        var ns = await NamespaceWithARuleAsync();

        var bad = await api.Http.PostAsJsonAsync($"/api/v1/namespaces/{ns}/review", new { decision = "maybe" });
        var missing = await api.Http.PostAsJsonAsync("/api/v1/namespaces/no-such-ns/review", new { decision = "approve" });
        var noFlag = await api.Http.PutAsJsonAsync($"/api/v1/namespaces/{ns}/review-required", new { });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"approve\" or \"reject\"", (await ApiPortal.JsonAsync(bad)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/api/v1/namespaces/no-such-ns/review")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFlag.StatusCode);
    }
}
