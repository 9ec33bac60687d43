using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Portal.Tests.Integration.Api;

/// <summary>Rules:MinimumGroupInterval (5 s by default) through the API: a group create with interval 1ms is a 400 at the field, an import refuses the group at its line.</summary>
public sealed class GroupIntervalFloorTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    [Fact]
    public async Task CreateGroup_IntervalOfOneMillisecond_Is400ProblemNamingTheIntervalField()
    {
        using var ns = await api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name = "floor-api", team = "api-tests" });
        Assert.True(ns.IsSuccessStatusCode, await ns.Content.ReadAsStringAsync());

        using var response = await api.Http.PostAsJsonAsync("/api/v1/namespaces/floor-api/groups", new { name = "hot", interval = "1ms" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiPortal.JsonAsync(response);
        Assert.Equal("The interval 1ms is below the minimum group interval of 5s.",
            problem.GetProperty("errors").GetProperty("interval")[0].GetString());

        using var detail = await api.Http.GetAsync("/api/v1/namespaces/floor-api");
        Assert.Equal(0, (await ApiPortal.JsonAsync(detail)).GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task CreateGroup_IntervalAtTheFloor_IsCreated()
    {
        using var ns = await api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name = "floor-ok", team = "api-tests" });
        Assert.True(ns.IsSuccessStatusCode, await ns.Content.ReadAsStringAsync());

        using var response = await api.Http.PostAsJsonAsync("/api/v1/namespaces/floor-ok/groups", new { name = "steady", interval = "5s" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("5s", (await ApiPortal.JsonAsync(response)).GetProperty("interval").GetString());
    }

    [Fact]
    public async Task Import_GroupWithIntervalOfOneMillisecond_IsRefusedItemByItemWithTheIntervalsLine()
    {
        const string text = """
            groups:
              - name: hot
                interval: 1ms
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
            """;
        using var content = new StringContent(text, Encoding.UTF8, "text/plain");

        using var response = await api.Http.PostAsync("/api/v1/import?dryRun=false&namespace=floor-import&team=api-tests", content);

        // An import refuses item by item: the group is refused at its line, its rules with it.
        var plan = await ApiPortal.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, plan.ToString());
        var group = plan.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "group");
        Assert.Equal("refuse", group.GetProperty("action").GetString());
        Assert.Equal(2, group.GetProperty("line").GetInt32());
        Assert.Equal("interval 1ms is below the minimum group interval of 5s (line 3)", group.GetProperty("reason").GetString());
        Assert.Equal(0, plan.GetProperty("counts").GetProperty("create").GetInt32());
        using var rules = await api.Http.GetAsync("/api/v1/rules?namespace=floor-import");
        Assert.Equal(0, (await ApiPortal.JsonAsync(rules)).GetProperty("total").GetInt32());
    }
}
