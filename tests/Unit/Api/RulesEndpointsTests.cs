using Portal.Api.V1;
using Portal.Domain.Catalog;

namespace Portal.Tests.Unit.Api;

public class RulesEndpointsTests
{
    private readonly FakeRuleStore _store = new();

    private static string Body(string expr = "rate(errors_total[5m]) > 0.1", string extra = "") =>
        $$"""{"groupId":"{{FakeRuleStore.GroupId}}","kind":"alerting","name":"HighErrorRate","expr":"{{expr}}","for":"10m","labels":{"severity":"critical"},"annotations":{"summary":"Too many errors"}{{extra}}}""";

    [Fact]
    public async Task Create_Is201_WithLocationETagAndTheRule_SavedAsTheActingUser()
    {
        var response = await ApiHttp.RunAsync(await RulesEndpoints.CreateAsync(ApiHttp.Request(Body()), _store, ApiHttp.User("alice"), default));

        Assert.Equal(201, response.Status);
        var id = response.Json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/rules/{id}", response.Headers.Location.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag.ToString());
        Assert.Equal("alice", _store.Saves.Single().Actor);
        Assert.Null(_store.Saves.Single().Edit.Id);
        Assert.Equal(0.1, response.Json.GetProperty("threshold").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Create_InvalidPromQl_Is400_WithLineAndColumn()
    {
        var response = await ApiHttp.RunAsync(await RulesEndpoints.CreateAsync(ApiHttp.Request(Body(expr: "rate(errors_total[5m] > 0.1")), _store, ApiHttp.User(), default));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Matches(@"^1:\d+: ", response.Json.GetProperty("errors").GetProperty("expr")[0].GetString());
    }

    [Fact]
    public async Task Create_UnknownField_Is400_AndNothingIsSaved()
    {
        var response = await ApiHttp.RunAsync(await RulesEndpoints.CreateAsync(ApiHttp.Request(Body(extra: ",\"keepFiringFor\":\"5m\"")), _store, ApiHttp.User(), default));

        Assert.Equal(400, response.Status);
        Assert.Contains("keepFiringFor", response.Json.GetProperty("detail").GetString());
        Assert.Empty(_store.Saves);
    }

    [Fact]
    public async Task Create_MalformedJson_Is400_WithWhere()
    {
        var response = await ApiHttp.RunAsync(await RulesEndpoints.CreateAsync(ApiHttp.Request("{\"name\": \n oops}"), _store, ApiHttp.User(), default));

        Assert.Equal(400, response.Status);
        Assert.Contains("line 2", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Create_BodyOverTheLimit_Is413_BeforeReading()
    {
        var request = ApiHttp.Request("{}", contentLength: ApiBody.JsonLimit + 1);

        var response = await ApiHttp.RunAsync(await RulesEndpoints.CreateAsync(request, _store, ApiHttp.User(), default));

        Assert.Equal(413, response.Status);
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task Create_NotJson_Is415()
    {
        var response = await ApiHttp.RunAsync(await RulesEndpoints.CreateAsync(ApiHttp.Request("alert: x", "application/yaml"), _store, ApiHttp.User(), default));

        Assert.Equal(415, response.Status);
    }

    [Fact]
    public async Task Get_ReturnsTheRuleWithItsVersionAsETag()
    {
        var rule = _store.Add(FakeRuleStore.Alert(), version: 31);

        var response = await ApiHttp.RunAsync(await RulesEndpoints.GetAsync(rule.Id.ToString(), _store, default));

        Assert.Equal(200, response.Status);
        Assert.Equal("\"31\"", response.Headers.ETag.ToString());
        Assert.Equal(31u, response.Json.GetProperty("version").GetUInt32());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task Get_Unknown_Is404Problem(string id)
    {
        var response = await ApiHttp.RunAsync(await RulesEndpoints.GetAsync(id, _store, default));

        Assert.Equal(404, response.Status);
        Assert.Contains(id, response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Put_WithCurrentVersion_Is200_AndKeepsTheGroupWhenTheBodyLeavesItOut()
    {
        var rule = _store.Add(FakeRuleStore.Alert(), version: 7);
        var body = Body(expr: "rate(errors_total[5m]) > 0.2").Replace($"\"groupId\":\"{FakeRuleStore.GroupId}\",", "");

        var response = await ApiHttp.RunAsync(await RulesEndpoints.UpdateAsync(rule.Id.ToString(), ApiHttp.Request(body, headers: ("If-Match", "\"7\"")),
            _store, ApiHttp.User(), default));

        Assert.Equal(200, response.Status);
        Assert.Equal("\"8\"", response.Headers.ETag.ToString());
        Assert.Equal(FakeRuleStore.GroupId, _store.Saves.Single().Edit.GroupId);
        Assert.Equal(7u, _store.Saves.Single().Edit.Version);
    }

    [Fact]
    public async Task Put_StaleVersion_Is409_WithTheCurrentRule()
    {
        var rule = _store.Add(FakeRuleStore.Alert(), version: 8);

        var response = await ApiHttp.RunAsync(await RulesEndpoints.UpdateAsync(rule.Id.ToString(), ApiHttp.Request(Body(extra: ",\"version\":7")),
            _store, ApiHttp.User(), default));

        Assert.Equal(409, response.Status);
        Assert.Equal(8u, response.Json.GetProperty("currentVersion").GetUInt32());
        Assert.Equal(rule.Id, response.Json.GetProperty("current").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Put_SameContent_Is200Unchanged()
    {
        var rule = _store.Add(FakeRuleStore.Alert(expr: "rate(errors_total[5m]) > 0.1"), version: 8);

        var response = await ApiHttp.RunAsync(await RulesEndpoints.UpdateAsync(rule.Id.ToString(), ApiHttp.Request(Body(extra: ",\"version\":8")),
            _store, ApiHttp.User(), default));

        Assert.Equal(200, response.Status);
        Assert.Equal(8u, response.Json.GetProperty("version").GetUInt32());
    }

    [Fact]
    public async Task Put_WithoutVersion_Is400_AndNothingIsSaved()
    {
        var rule = _store.Add(FakeRuleStore.Alert());

        var response = await ApiHttp.RunAsync(await RulesEndpoints.UpdateAsync(rule.Id.ToString(), ApiHttp.Request(Body()), _store, ApiHttp.User(), default));

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("version", out _));
        Assert.Empty(_store.Saves);
    }

    [Fact]
    public async Task Put_ReadRuleSentBack_IsAccepted()
    {
        var rule = _store.Add(FakeRuleStore.Alert(), version: 5);
        var read = await ApiHttp.RunAsync(await RulesEndpoints.GetAsync(rule.Id.ToString(), _store, default));
        var edited = read.Text.Replace("Too many errors", "Error rate above 5%");

        var response = await ApiHttp.RunAsync(await RulesEndpoints.UpdateAsync(rule.Id.ToString(), ApiHttp.Request(edited), _store, ApiHttp.User(), default));

        Assert.Equal(200, response.Status);
        Assert.Equal("Error rate above 5%", response.Json.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal(1, _store.Saves.Single().Edit.BaseVersionNumber);
    }

    [Fact]
    public async Task Delete_Is204_409_404()
    {
        var rule = _store.Add(FakeRuleStore.Alert(), version: 3);

        var stale = await ApiHttp.RunAsync(await RulesEndpoints.DeleteAsync(rule.Id.ToString(), ApiHttp.Request(query: "?version=2"), _store, ApiHttp.User(), default));
        var deleted = await ApiHttp.RunAsync(await RulesEndpoints.DeleteAsync(rule.Id.ToString(), ApiHttp.Request(headers: ("If-Match", "\"3\"")), _store, ApiHttp.User(), default));
        var gone = await ApiHttp.RunAsync(await RulesEndpoints.DeleteAsync(rule.Id.ToString(), ApiHttp.Request(query: "?version=3"), _store, ApiHttp.User(), default));

        Assert.Equal(409, stale.Status);
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task List_IsItemsAndTotal_AndPassesTheFilters()
    {
        _store.Add(FakeRuleStore.Alert("A"));
        _store.Add(FakeRuleStore.Alert("B"));

        var response = await ApiHttp.RunAsync(await RulesEndpoints.ListAsync(ApiHttp.Request(query: "?take=1&severity=critical").Query, _store, default));

        Assert.Equal(200, response.Status);
        Assert.Equal(2, response.Json.GetProperty("total").GetInt32());
        Assert.Single(response.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("critical", _store.LastQuery!.Severity);
    }

    [Fact]
    public async Task List_TakeOver500_Is400()
    {
        var response = await ApiHttp.RunAsync(await RulesEndpoints.ListAsync(ApiHttp.Request(query: "?take=1000").Query, _store, default));

        Assert.Equal(400, response.Status);
        Assert.Contains("500", response.Json.GetProperty("errors").GetProperty("take")[0].GetString());
        Assert.DoesNotContain(nameof(FakeRuleStore.ListAsync), _store.Calls);
    }
}
