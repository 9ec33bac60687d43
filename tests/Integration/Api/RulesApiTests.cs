using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Integration.Api;

public sealed class RulesApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static object Rule(Guid groupId, string expr, uint? version = null) => new Dictionary<string, object?>
    {
        ["groupId"] = groupId,
        ["kind"] = "alerting",
        ["name"] = "CheckoutErrorRateHigh",
        ["expr"] = expr,
        ["for"] = "10m",
        ["keep_firing_for"] = "5m",
        ["labels"] = new Dictionary<string, string> { ["severity"] = "critical" },
        ["annotations"] = new Dictionary<string, string> { ["summary"] = "Checkout errors above threshold" },
        ["enabled"] = true,
        ["reason"] = "first version",
        ["version"] = version,
    };

    [Fact]
    public async Task Create_Get_Put_ThenAStalePut_Is409WithTheCurrentRule()
    {
        var groupId = await api.CreateGroupAsync("checkout", "errors");

        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", Rule(groupId, "rate(errors_total[5m]) > 0.05"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;

        using var read = await api.Http.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var rule = await ApiPortal.JsonAsync(read);
        var version = rule.GetProperty("version").GetUInt32();
        Assert.Equal($"\"{version}\"", read.Headers.ETag?.Tag);
        Assert.Equal("checkout", rule.GetProperty("namespace").GetString());
        Assert.Equal("5m", rule.GetProperty("keep_firing_for").GetString());
        Assert.Equal(0.05, rule.GetProperty("threshold").GetProperty("value").GetDouble());
        Assert.Equal(ApiPortal.Admin, rule.GetProperty("updatedBy").GetString());

        using var first = await api.Http.PutAsJsonAsync(location, Rule(groupId, "rate(errors_total[5m]) > 0.1", version));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var saved = await ApiPortal.JsonAsync(first);
        Assert.NotEqual(version, saved.GetProperty("version").GetUInt32());

        using var stale = await api.Http.PutAsJsonAsync(location, Rule(groupId, "rate(errors_total[5m]) > 0.2", version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await ApiPortal.JsonAsync(stale);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(saved.GetProperty("version").GetUInt32(), problem.GetProperty("currentVersion").GetUInt32());
        Assert.Equal("rate(errors_total[5m]) > 0.1", problem.GetProperty("current").GetProperty("expr").GetString());

        using var after = await api.Http.GetAsync(location);
        Assert.Equal("rate(errors_total[5m]) > 0.1", (await ApiPortal.JsonAsync(after)).GetProperty("expr").GetString());
    }

    [Fact]
    public async Task Put_WithIfMatch_SameContent_Is200AndUnchanged()
    {
        var groupId = await api.CreateGroupAsync("billing", "errors");
        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", Rule(groupId, "rate(errors_total[5m]) > 0.05"));
        var rule = await ApiPortal.JsonAsync(created);

        using var request = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location)
        {
            Content = JsonContent.Create(Rule(groupId, "rate(errors_total[5m]) > 0.05")),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{rule.GetProperty("version").GetUInt32()}\""));
        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var same = await ApiPortal.JsonAsync(response);
        Assert.Equal(rule.GetProperty("versionNumber").GetInt32(), same.GetProperty("versionNumber").GetInt32());
    }

    [Fact]
    public async Task Create_InvalidPromQl_Is400_WithTheExpressionsLineAndColumn()
    {
        var groupId = await api.CreateGroupAsync("search", "errors");

        using var response = await api.Http.PostAsJsonAsync("/api/v1/rules", Rule(groupId, "sum(rate(errors_total[5m])\n  > 0.05"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiPortal.JsonAsync(response);
        Assert.Matches(@"^\d+:\d+: ", problem.GetProperty("errors").GetProperty("expr")[0].GetString());
    }

    [Fact]
    public async Task Delete_StaleIs409_ThenDeletes_ThenIsGone()
    {
        var groupId = await api.CreateGroupAsync("inventory", "errors");
        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", Rule(groupId, "rate(errors_total[5m]) > 0.05"));
        var rule = await ApiPortal.JsonAsync(created);
        var version = rule.GetProperty("version").GetUInt32();
        using var changed = await api.Http.PutAsJsonAsync(created.Headers.Location, Rule(groupId, "rate(errors_total[5m]) > 0.5", version));
        var current = (await ApiPortal.JsonAsync(changed)).GetProperty("version").GetUInt32();

        using var stale = await api.Http.DeleteAsync($"{created.Headers.Location}?version={version}");
        using var deleted = await api.Http.DeleteAsync($"{created.Headers.Location}?version={current}");
        using var gone = await api.Http.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task List_FiltersAndPages()
    {
        var groupId = await api.CreateGroupAsync("catalog", "errors");
        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", Rule(groupId, "rate(errors_total[5m]) > 0.05"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var response = await api.Http.GetAsync("/api/v1/rules?namespace=catalog&severity=critical&kind=alerting&take=10");
        using var tooMany = await api.Http.GetAsync("/api/v1/rules?take=501");

        var page = await ApiPortal.JsonAsync(response);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        // Under the count cap (docs/decisions/0033) the total is exact, and says so.
        Assert.False(page.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal("CheckoutErrorRateHigh", page.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Lint_ReturnsAFindingWithLineAndColumn()
    {
        using var response = await api.Http.PostAsJsonAsync("/api/v1/lint", new { expr = "sum(rate(http_requests_total[5m])) by (job\n > 1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiPortal.JsonAsync(response);
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("parseError").ValueKind);
        var finding = body.GetProperty("findings")[0];
        Assert.True(finding.GetProperty("line").GetInt32() >= 1);
        Assert.True(finding.GetProperty("column").GetInt32() >= 1);
    }
}
