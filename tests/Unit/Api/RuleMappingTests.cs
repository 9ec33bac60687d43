using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Portal.Api.V1;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Api;

public class RuleMappingTests
{
    [Fact]
    public void ToResponse_CarriesEveryFieldInTheApisNames()
    {
        var content = FakeRuleStore.Alert() with { KeepFiringFor = PromDuration.Parse("5m") };
        var finding = new LintFinding("alert-without-for", LintSeverity.Warning, "no for", "expr", new Position(1, 6), new TextSpan(5, 9), "why");
        var rule = new RuleDetail(Guid.NewGuid(), FakeRuleStore.GroupId, "payments", "api", 3, content, [finding], 4, FakeRuleStore.Now, "bob", 99);

        var json = JsonSerializer.SerializeToElement(RuleMapping.ToResponse(rule), JsonSerializerOptions.Web);

        Assert.Equal(rule.Id, json.GetProperty("id").GetGuid());
        Assert.Equal("payments", json.GetProperty("namespace").GetString());
        Assert.Equal("api", json.GetProperty("group").GetString());
        Assert.Equal("alerting", json.GetProperty("kind").GetString());
        Assert.Equal("HighErrorRate", json.GetProperty("name").GetString());
        Assert.Equal("10m", json.GetProperty("for").GetString());
        Assert.Equal("5m", json.GetProperty("keep_firing_for").GetString());
        Assert.Equal("critical", json.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("Too many errors", json.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.True(json.GetProperty("enabled").GetBoolean());
        var threshold = json.GetProperty("threshold");
        Assert.Equal("rate(errors_total[5m])", threshold.GetProperty("query").GetString());
        Assert.Equal(">", threshold.GetProperty("operator").GetString());
        Assert.Equal(0.05, threshold.GetProperty("value").GetDouble());
        var found = Assert.Single(json.GetProperty("findings").EnumerateArray());
        Assert.Equal("warning", found.GetProperty("severity").GetString());
        Assert.Equal(1, found.GetProperty("line").GetInt32());
        Assert.Equal(6, found.GetProperty("column").GetInt32());
        Assert.Equal(99u, json.GetProperty("version").GetUInt32());
        Assert.Equal(4, json.GetProperty("versionNumber").GetInt32());
        Assert.Equal("bob", json.GetProperty("updatedBy").GetString());
    }

    [Fact]
    public void ToResponse_NoThresholdForm_HasNullThreshold()
    {
        var rule = new FakeRuleStore().Add(FakeRuleStore.Alert(expr: "up == 0 or absent(up)"));

        Assert.Null(RuleMapping.ToResponse(rule).Threshold);
    }

    [Fact]
    public void ToEdit_ReadsTheBody()
    {
        var request = JsonSerializer.Deserialize<RuleRequest>(
            """{"groupId":"00000000-0000-0000-0000-0000000000a1","kind":"alerting","name":"A","expr":"up == 0","for":"5m","keep_firing_for":"1m","labels":{"severity":"warning"},"annotations":{},"reason":" tuning "}""",
            ApiBody.Json)!;

        var (edit, errors) = RuleMapping.ToEdit(request, null, request.GroupId, 0, enabled: true);

        Assert.Empty(errors);
        Assert.Equal(FakeRuleStore.GroupId, edit!.GroupId);
        Assert.Equal(PromDuration.Parse("5m"), edit.Content.For);
        Assert.Equal(PromDuration.Parse("1m"), edit.Content.KeepFiringFor);
        Assert.Equal("warning", edit.Content.Severity);
        Assert.True(edit.Content.Enabled);
        Assert.Equal("tuning", edit.Reason);
    }

    [Fact]
    public void ToEdit_ListsEveryProblem_ByField()
    {
        var request = new RuleRequest
        {
            Kind = "page",
            Name = "",
            Expr = "rate(x[5m]",
            For = "5 minutes",
            Labels = new() { ["bad-name"] = "x", ["team"] = null },
        };

        var (edit, errors) = RuleMapping.ToEdit(request, null, null, 0, enabled: true);

        Assert.Null(edit);
        var fields = errors.Select(e => e.Field).ToList();
        Assert.Equal(["groupId", "kind", "for", "labels.team", "name", "expr", "labels.bad-name"], fields);
        Assert.NotNull(errors.Single(e => e.Field == "expr").Position);
    }

    [Fact]
    public void ParseQuery_ReadsEveryFilter()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["namespace"] = "payments", ["group"] = "api", ["severity"] = "critical", ["kind"] = "recording", ["q"] = "error",
            ["hasFindings"] = "true", ["sort"] = "updatedAt", ["desc"] = "true", ["skip"] = "50", ["take"] = "500",
        });

        var (parsed, errors) = RulesEndpoints.ParseQuery(query);

        Assert.Empty(errors);
        Assert.Equal(new RuleQuery("payments", "api", "critical", RuleKind.Recording, "error", true, RuleSort.UpdatedAt, true, 50, 500), parsed);
    }

    [Fact]
    public void ParseQuery_Defaults()
    {
        var (parsed, _) = RulesEndpoints.ParseQuery(QueryCollection.Empty);

        Assert.Equal(new RuleQuery(), parsed);
    }

    [Fact]
    public void ParseQuery_RefusesBadValues_ByParameter()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["kind"] = "alerts", ["sort"] = "1", ["hasFindings"] = "maybe", ["skip"] = "-1", ["take"] = "501",
        });

        var (parsed, errors) = RulesEndpoints.ParseQuery(query);

        Assert.Null(parsed);
        Assert.Equal(["kind", "sort", "hasFindings", "skip", "take"], errors.Select(e => e.Field).ToArray());
    }

    [Theory]
    [InlineData("\"12\"", null, 12u)]
    [InlineData("W/\"12\"", null, 12u)]
    [InlineData(null, "12", 12u)]
    [InlineData("\"12\"", "12", 12u)]
    public void Version_FromIfMatchOrBody(string? ifMatch, string? body, uint expected)
    {
        var (version, error) = RulesEndpoints.Version(ifMatch is null ? StringValues.Empty : new StringValues(ifMatch), body);

        Assert.Null(error);
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("*", null)]
    [InlineData("\"12\"", "13")]
    [InlineData(null, "-1")]
    public void Version_MissingOrContradictory_IsAnErrorOnVersion(string? ifMatch, string? body)
    {
        var (version, error) = RulesEndpoints.Version(ifMatch is null ? StringValues.Empty : new StringValues(ifMatch), body);

        Assert.Null(version);
        Assert.Equal("version", error!.Field);
    }
}
