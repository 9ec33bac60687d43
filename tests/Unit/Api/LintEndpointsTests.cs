using Portal.Api.V1;

namespace Portal.Tests.Unit.Api;

public class LintEndpointsTests
{
    private static Task<ApiHttp.Response> LintAsync(LintRequest request) => ApiHttp.RunAsync(LintEndpoints.Lint(request));

    [Fact]
    public async Task Expression_WithSyntaxError_IsInvalid_WithLineAndColumn()
    {
        var response = await LintAsync(new LintRequest { Expr = "sum(rate(x[5m])\n  by (job" });

        Assert.Equal(200, response.Status);
        Assert.False(response.Json.GetProperty("valid").GetBoolean());
        var parseError = response.Json.GetProperty("parseError");
        Assert.Equal(2, parseError.GetProperty("line").GetInt32());
        Assert.True(parseError.GetProperty("column").GetInt32() > 0);
        var finding = response.Json.GetProperty("findings")[0];
        Assert.Equal("promql-syntax", finding.GetProperty("id").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("expr", finding.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Expression_Alone_GetsOnlyExpressionFindings_WithPositions()
    {
        var response = await LintAsync(new LintRequest { Expr = "rate(http_requests_total[5s]) > 1" });

        Assert.True(response.Json.GetProperty("valid").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("parseError").ValueKind);
        var findings = response.Json.GetProperty("findings").EnumerateArray().ToList();
        var window = Assert.Single(findings, f => f.GetProperty("id").GetString() == "rate-window-too-short");
        Assert.Equal(1, window.GetProperty("line").GetInt32());
        Assert.All(findings, f => Assert.Equal("expr", f.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task WholeRule_GetsFieldFindings_AndWhatPrometheusWouldRefuse()
    {
        var response = await LintAsync(new LintRequest
        {
            Kind = "alerting",
            Name = "Down",
            Expr = "up == 0",
            Labels = new() { ["bad-label"] = "x" },
        });

        var ids = response.Json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains("alert-without-for", ids);
        Assert.Contains("missing-severity", ids);
        Assert.Contains(LintEndpoints.InvalidRule, ids);
        Assert.False(response.Json.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task WholeRule_BadDuration_Is400()
    {
        var response = await LintAsync(new LintRequest { Name = "Down", Expr = "up == 0", For = "5 min" });

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("for", out _));
    }

    [Fact]
    public async Task NoExpression_Is400()
    {
        var response = await LintAsync(new LintRequest { Name = "Down" });

        Assert.Equal(400, response.Status);
    }
}
