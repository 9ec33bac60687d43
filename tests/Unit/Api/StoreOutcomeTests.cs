using Microsoft.AspNetCore.Http;
using Portal.Api.V1;
using Portal.Domain.Catalog;
using Portal.Domain.PromQl;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Api;

public class StoreOutcomeTests
{
    private static readonly RuleDetail Rule = new FakeRuleStore().Add(FakeRuleStore.Alert(), version: 42);

    private static Task<ApiHttp.Response> MapAsync(StoreResult<RuleDetail> result) =>
        ApiHttp.RunAsync(ApiProblems.ForStore(result, rule => Results.Ok(rule.Content.Name), "this rule"));

    [Fact]
    public async Task Saved_GoesToTheSuccessResult()
    {
        var response = await MapAsync(StoreResult<RuleDetail>.Ok(Rule));

        Assert.Equal(200, response.Status);
        Assert.Equal("HighErrorRate", response.Json.GetString());
    }

    [Fact]
    public async Task Unchanged_Is200WithTheRule()
    {
        var response = await MapAsync(StoreResult<RuleDetail>.Ok(Rule, changed: false));

        Assert.Equal(200, response.Status);
        Assert.Equal("HighErrorRate", response.Json.GetString());
    }

    [Fact]
    public async Task Invalid_Is400ValidationProblem_WithEachFieldAndPromQlLineColumn()
    {
        var response = await MapAsync(StoreResult<RuleDetail>.Invalid([
            new FieldError("expr", "unclosed left parenthesis", new Position(2, 7)),
            new FieldError("labels.bad-name", "\"bad-name\" is not a valid name"),
        ]));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        var errors = response.Json.GetProperty("errors");
        Assert.Equal("2:7: unclosed left parenthesis", errors.GetProperty("expr")[0].GetString());
        Assert.Contains("bad-name", errors.GetProperty("labels.bad-name")[0].GetString());
        var expr = response.Json.GetProperty("fieldErrors").EnumerateArray().Single(e => e.GetProperty("field").GetString() == "expr");
        Assert.Equal(2, expr.GetProperty("line").GetInt32());
        Assert.Equal(7, expr.GetProperty("column").GetInt32());
        Assert.Contains("expr 2:7: unclosed left parenthesis", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Conflict_Is409_WithTheCurrentVersionAndRule()
    {
        var response = await MapAsync(StoreResult<RuleDetail>.Conflict(Rule));

        Assert.Equal(409, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(42u, response.Json.GetProperty("currentVersion").GetUInt32());
        Assert.Equal(1, response.Json.GetProperty("currentVersionNumber").GetInt32());
        var current = response.Json.GetProperty("current");
        Assert.Equal(Rule.Id, current.GetProperty("id").GetGuid());
        Assert.Equal("rate(errors_total[5m]) > 0.05", current.GetProperty("expr").GetString());
        Assert.Equal(42u, current.GetProperty("version").GetUInt32());
        Assert.Contains("version 1", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Conflict_WithoutCurrent_StillSaysWhatToDo()
    {
        var response = await MapAsync(StoreResult<RuleDetail>.Conflict(null));

        Assert.Equal(409, response.Status);
        Assert.Contains("read it again", response.Json.GetProperty("detail").GetString());
        Assert.False(response.Json.TryGetProperty("current", out _));
    }

    [Fact]
    public async Task NotFound_Is404ProblemWithTheStoresMessage()
    {
        var response = await MapAsync(StoreResult<RuleDetail>.NotFound("group"));

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("group not found", response.Json.GetProperty("detail").GetString());
    }
}
