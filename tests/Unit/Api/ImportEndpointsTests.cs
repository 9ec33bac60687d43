using Microsoft.AspNetCore.Http;
using Portal.Api.V1;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Api;

public class ImportEndpointsTests
{
    private const string Yaml = "groups:\n- name: api\n  rules:\n  - alert: Down\n    expr: up == 0\n";

    private readonly FakeRuleStore _store = new()
    {
        Plan = new ImportPlan(
        [
            new ImportItem(ImportAction.Create, "alert", "Down", "api", 4, "new"),
            new ImportItem(ImportAction.Unchanged, "record", "job:up:sum", "api", 9, "same"),
        ], false, null),
    };

    private Task<IResult> ImportAsync(string body, string contentType = "application/yaml", string query = "?namespace=payments", long? length = null) =>
        ImportEndpoints.ImportAsync(ApiHttp.Request(body, contentType, query, length), _store, ApiHttp.User("alice"), default);

    [Fact]
    public async Task DryRun_IsTheDefault_AndOnlyPlans()
    {
        var response = await ApiHttp.RunAsync(await ImportAsync(Yaml));

        Assert.Equal(200, response.Status);
        Assert.Equal([nameof(FakeRuleStore.PlanImportAsync)], _store.Calls);
        Assert.True(response.Json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, response.Json.GetProperty("counts").GetProperty("create").GetInt32());
        Assert.Equal(1, response.Json.GetProperty("counts").GetProperty("unchanged").GetInt32());
        var item = response.Json.GetProperty("items")[0];
        Assert.Equal("create", item.GetProperty("action").GetString());
        Assert.Equal("alert", item.GetProperty("kind").GetString());
        Assert.Equal("Down", item.GetProperty("name").GetString());
        Assert.Equal("api", item.GetProperty("group").GetString());
        Assert.Equal(4, item.GetProperty("line").GetInt32());
        Assert.Equal("new", item.GetProperty("reason").GetString());
        Assert.Equal(new ImportRequest(Yaml, "payments"), _store.LastImport);
    }

    [Fact]
    public async Task RealRun_Imports_AsTheActingUser()
    {
        var response = await ApiHttp.RunAsync(await ImportAsync(Yaml, "text/plain; charset=utf-8", "?namespace=payments&dryRun=false"));

        Assert.Equal(200, response.Status);
        Assert.Equal([nameof(FakeRuleStore.ImportAsync)], _store.Calls);
        Assert.False(response.Json.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Json_CarriesTextNamespaceAndFileName()
    {
        var response = await ApiHttp.RunAsync(await ImportAsync("""{"text":"groups: []","namespace":"payments","fileName":"api.yml"}""", "application/json", ""));

        Assert.Equal(200, response.Status);
        Assert.Equal(new ImportRequest("groups: []", "payments", "api.yml"), _store.LastImport);
    }

    [Fact]
    public async Task Refused_Is400_WithThePlan_AndNothingWritten()
    {
        _store.ImportResult = StoreResult<ImportPlan>.Ok(new ImportPlan(
            [new ImportItem(ImportAction.Refuse, "alert", "Down", "api", 5, "1:3: unexpected end of input")], true, "1 rule cannot be imported"));

        var response = await ApiHttp.RunAsync(await ImportAsync(Yaml, query: "?namespace=payments&dryRun=false"));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("nothing was written: 1 rule cannot be imported", response.Json.GetProperty("detail").GetString());
        Assert.Equal("refuse", response.Json.GetProperty("plan").GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Invalid_Is400_WithTheErrorsAndAPlan()
    {
        _store.ImportResult = StoreResult<ImportPlan>.Invalid("text", "line 3: mapping values are not allowed here");

        var response = await ApiHttp.RunAsync(await ImportAsync(Yaml, query: "?namespace=payments&dryRun=false"));

        Assert.Equal(400, response.Status);
        Assert.Contains("line 3", response.Json.GetProperty("detail").GetString());
        Assert.True(response.Json.TryGetProperty("plan", out _));
    }

    [Fact]
    public async Task OverFiveMegabytes_Is413_BeforeReading()
    {
        var response = await ApiHttp.RunAsync(await ImportAsync(Yaml, length: ImportEndpoints.Limit + 1));

        Assert.Equal(413, response.Status);
        Assert.Contains("5 MB", response.Json.GetProperty("detail").GetString());
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task OverFiveMegabytes_WithoutContentLength_Is413()
    {
        var response = await ApiHttp.RunAsync(await ImportAsync(new string('#', (int)ImportEndpoints.Limit + 10), length: -1));

        Assert.Equal(413, response.Status);
        Assert.Empty(_store.Calls);
    }

    [Theory]
    [InlineData("", "namespace")]
    [InlineData("?namespace=payments&dryRun=perhaps", "dryRun")]
    public async Task MissingNamespaceOrBadDryRun_Is400ByField(string query, string field)
    {
        var response = await ApiHttp.RunAsync(await ImportAsync(Yaml, query: query));

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task OtherContentType_Is415()
    {
        var response = await ApiHttp.RunAsync(await ImportAsync(Yaml, "application/octet-stream"));

        Assert.Equal(415, response.Status);
    }

    [Fact]
    public void ToRequest_NamespaceInQueryAndBodyMustAgree()
    {
        var (request, errors) = ImportEndpoints.ToRequest(new ImportBody("x", "a", null, null), "b", null, null);

        Assert.Null(request);
        Assert.Equal("namespace", Assert.Single(errors).Field);
    }
}
