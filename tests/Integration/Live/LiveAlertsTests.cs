using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.V1;
using Portal.Domain.Live;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Live;
using Portal.Tests.Integration.Api;
using Portal.Tests.Integration.Publishing;

namespace Portal.Tests.Integration.Live;

/// <summary>
/// Always-true rules published through the real publisher to the test stack's Prometheus pair: the
/// Alerts service sees them fire and pend on both targets, <c>/api/v1/alerts</c> says the same, and
/// <c>/api/v1/rules/{id}/live</c> shows the rule's state per target.
/// </summary>
[Collection(PublishingStack.Collection)]
public sealed class LiveAlertsTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Rules = """
        groups:
        - name: live
          rules:
          - alert: LiveAlwaysFiring
            expr: vector(1) > 0
            labels:
              severity: critical
              probe: live-test
            annotations:
              summary: always true, fires at once
              runbook_url: https://runbooks.example/live
          - alert: LiveAlwaysPending
            expr: vector(2) > 0
            for: 1h
            labels:
              severity: warning
        """;

    [Fact]
    public async Task AlwaysTrueRules_Published_FireAndPend_AndTheServiceTheApiAndTheRuleEndpointAgree()
    {
        var ns = $"live-{Guid.NewGuid():N}"[..17];
        using var import = await api.Http.PostAsync($"/api/v1/import?dryRun=false&team=api-tests&namespace={ns}",
            new StringContent(Rules, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        using var published = await api.Http.PostAsJsonAsync("/api/v1/publish", new { note = "live state test", confirm = true, namespaces = new[] { ns } });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var release = (await ApiPortal.JsonAsync(published)).GetProperty("release").GetProperty("number").GetInt64();

        var live = api.Portal.Services.GetRequiredService<ILiveAlerts>();
        var mine = new AlertFilter(Text: ns);
        // The stack evaluates every 5 s and the service reuses a read for up to 12 s.
        var board = await EventuallyAsync(() => live.AlertsAsync(mine, default),
            b => b.All.Count(a => a.AlertName == "LiveAlwaysFiring" && a.State == LiveState.Firing && a.Targets.Count == 2) == 1
                 && b.All.Count(a => a.AlertName == "LiveAlwaysPending" && a.State == LiveState.Pending && a.Targets.Count == 2) == 1);

        var firing = Assert.Single(board.All, a => a.AlertName == "LiveAlwaysFiring");
        Assert.True(firing.Managed);
        Assert.Equal("api-tests", firing.Team);
        Assert.Equal("critical", firing.Severity);
        Assert.Equal(1, firing.Value);
        Assert.Equal("live-test", firing.Labels["probe"]);
        Assert.Equal("https://runbooks.example/live", firing.Runbook);
        Assert.Equal("always true, fires at once", firing.Summary);
        Assert.Empty(board.Unmanaged);
        Assert.Equal(["critical", "warning"], board.Groups.Select(g => g.Severity));

        // The API answers from the same service: the same board, to the byte, apart from the time it was asked.
        using var response = await api.Http.GetAsync($"/api/v1/alerts?q={ns}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fromApi = await ApiPortal.JsonAsync(response);
        var fromService = JsonSerializer.SerializeToElement(LiveEndpoints.ToResponse(await live.AlertsAsync(mine, default)), ApiBody.Json);
        Assert.Equal(Without(fromService, "at"), Without(fromApi, "at"));
        var apiAlert = fromApi.GetProperty("groups")[0].GetProperty("alerts")[0];
        Assert.Equal("firing", apiAlert.GetProperty("state").GetString());
        Assert.Equal(firing.RuleId, apiAlert.GetProperty("ruleId").GetGuid());
        Assert.Equal($"/tuning?rule={firing.RuleId:D}", apiAlert.GetProperty("tuning").GetString());

        var stored = await api.Portal.Services.GetRequiredService<IRuleStore>().ListAsync(new RuleQuery(Namespace: ns), default);
        var ruleId = stored.Items.Single(r => r.Name == "LiveAlwaysFiring").Id;
        Assert.Equal(ruleId, firing.RuleId);
        var ruleLive = await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/rules/{ruleId}/live"));
        Assert.Equal("firing", ruleLive.GetProperty("state").GetString());
        Assert.Equal(release, ruleLive.GetProperty("release").GetInt64());
        var targets = ruleLive.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(2, targets.Count);
        Assert.All(targets, t =>
        {
            Assert.True(t.GetProperty("available").GetBoolean());
            Assert.Equal("firing", t.GetProperty("state").GetString());
            Assert.Equal(release, t.GetProperty("release").GetInt64());
            Assert.Equal("ok", t.GetProperty("health").GetString());
            Assert.Equal(JsonValueKind.String, t.GetProperty("lastEvaluation").ValueKind);
            Assert.True(t.GetProperty("evaluationSeconds").GetDouble() >= 0);
            var series = Assert.Single(t.GetProperty("series").EnumerateArray());
            Assert.Equal("1", series.GetProperty("value").GetString());
            Assert.Equal("live-test", series.GetProperty("labels").GetProperty("probe").GetString());
        });

        // What runs equals what is stored: no "live vs. draft" difference to show.
        var detail = await live.RuleAsync(ruleId, default);
        Assert.Equal("vector(1) > 0", detail!.Live!.Expression);

        var pendingId = stored.Items.Single(r => r.Name == "LiveAlwaysPending").Id;
        var pending = await ApiPortal.JsonAsync(await api.Http.GetAsync($"/api/v1/rules/{pendingId}/live"));
        Assert.Equal("pending", pending.GetProperty("state").GetString());

        // The rules list's index has both, and no data for a rule no target evaluates.
        var index = await live.StatesAsync(default);
        Assert.Equal(LiveState.Firing, index.Of(ruleId).State);
        Assert.Equal(LiveState.Pending, index.Of(pendingId).State);
        Assert.Equal(LiveState.NoData, index.Of(Guid.NewGuid()).State);
    }

    [Fact]
    public async Task Api_SaysWhatIsWrong_ForAnUnknownRuleAndABadState()
    {
        using var missing = await api.Http.GetAsync($"/api/v1/rules/{Guid.NewGuid()}/live");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        using var notAnId = await api.Http.GetAsync("/api/v1/rules/not-a-guid/live");
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);

        using var badState = await api.Http.GetAsync("/api/v1/alerts?state=sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("state=\"sleeping\"", (await ApiPortal.JsonAsync(badState)).GetProperty("detail").GetString());
    }

    private static string Without(JsonElement element, string property) =>
        JsonSerializer.Serialize(element.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(1000);
        }
    }
}
