using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Integration.Api;

public class TuningApiTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    [Fact]
    public async Task Backtest_OfAnExpression_ReturnsEpisodesAndStatistics_FromLivePrometheus()
    {
        using var response = await api.Http.PostAsJsonAsync("/api/v1/backtest",
            new { expr = "up{job=\"prometheus\"} > 0.5", range = "10m", interval = "5s" });
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("up{job=\"prometheus\"}", body.GetProperty("target").GetProperty("query").GetString());
        Assert.True(body.GetProperty("total").GetProperty("firingEpisodes").GetInt32() >= 1);
        var series = Assert.Single(body.GetProperty("series").EnumerateArray());
        Assert.NotEmpty(series.GetProperty("episodes").EnumerateArray());
    }

    [Fact]
    public async Task Backtest_OfAStoredRule_UsesItsThreshold_AndAWhatIfThresholdOverridesIt()
    {
        // The group evaluates every 5 s like the stack: at 1 m, a stack younger than a minute has no sample at an evaluation time yet.
        using var ns = await api.Http.PostAsJsonAsync("/api/v1/namespaces", new { name = "tuning-api", team = "t" });
        using var groupCreated = await api.Http.PostAsJsonAsync("/api/v1/namespaces/tuning-api/groups", new { name = "g", interval = "5s" });
        var group = (await ApiPortal.JsonAsync(groupCreated)).GetProperty("id").GetGuid();
        using var created = await api.Http.PostAsJsonAsync("/api/v1/rules", new
        {
            groupId = group, kind = "alerting", name = "PromUp", expr = "up{job=\"prometheus\"} > 0.5", @for = "0s",
            labels = new Dictionary<string, string> { ["severity"] = "warning" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiPortal.JsonAsync(created)).GetProperty("id").GetGuid();

        using var stored = await api.Http.PostAsJsonAsync("/api/v1/backtest", new { ruleId = id, range = "10m" });
        using var whatIf = await api.Http.PostAsJsonAsync("/api/v1/backtest", new { ruleId = id, range = "10m", threshold = 5 });

        var storedBody = await ApiPortal.JsonAsync(stored);
        Assert.True(storedBody.GetProperty("total").GetProperty("firingEpisodes").GetInt32() >= 1, storedBody.ToString());
        Assert.Equal(0, (await ApiPortal.JsonAsync(whatIf)).GetProperty("total").GetProperty("firingEpisodes").GetInt32());
    }

    [Fact]
    public async Task Sweep_ReturnsTheCurve_AndASuggestionForTheBudget()
    {
        using var response = await api.Http.PostAsJsonAsync("/api/v1/sweep",
            new { expr = "up{job=\"prometheus\"} > 0.5", range = "10m", interval = "5s", severity = "critical" });
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("points").GetArrayLength() > 1);
        Assert.Equal(1, body.GetProperty("suggestion").GetProperty("budget").GetDouble());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("suggestion").GetProperty("explanation").GetString()));
    }

    [Fact]
    public async Task Sweep_OnAYoungStack_CarriesTheCoverage_AndSaysWhyTheSuggestionIsWithheld()
    {
        // The test stack has minutes of samples; a week asked is far too little covered to advise.
        using var response = await api.Http.PostAsJsonAsync("/api/v1/sweep", new { expr = "up{job=\"prometheus\"} > 0.5", range = "7d" });
        using var backtest = await api.Http.PostAsJsonAsync("/api/v1/backtest", new { expr = "up{job=\"prometheus\"} > 0.5", range = "7d" });
        var body = await ApiPortal.JsonAsync(response);
        var backtestBody = await ApiPortal.JsonAsync(backtest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var coverage = body.GetProperty("coverage");
        Assert.Equal(7 * 24 * 3600, coverage.GetProperty("secondsAsked").GetDouble(), 0.01 * 7 * 24 * 3600);
        Assert.InRange(coverage.GetProperty("secondsWithData").GetDouble(), 1, 24 * 3600);
        Assert.InRange(coverage.GetProperty("share").GetDouble(), 1e-9, 0.5);
        var suggestion = body.GetProperty("suggestion");
        Assert.Equal("coverage", suggestion.GetProperty("withheld").GetString());
        Assert.Equal(JsonValueKind.Null, suggestion.GetProperty("threshold").ValueKind);
        Assert.Contains("no threshold is suggested: there is data for", suggestion.GetProperty("explanation").GetString());
        Assert.Equal(coverage.GetProperty("secondsWithData").GetDouble(), backtestBody.GetProperty("coverage").GetProperty("secondsWithData").GetDouble());
    }

    [Fact]
    public async Task Sweep_OfAnEqualityRule_BacktestsTheRulesValue_AndExplainsWhyThereIsNoCurve()
    {
        using var response = await api.Http.PostAsJsonAsync("/api/v1/sweep", new { expr = "up == 0", range = "10m", interval = "5s" });
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no stricter or looser threshold", body.GetProperty("unavailable").GetString());
        Assert.Equal(1, body.GetProperty("points").GetArrayLength());
        Assert.Equal("operator", body.GetProperty("suggestion").GetProperty("withheld").GetString());
    }

    [Fact]
    public async Task Grid_OnAYoungStack_CarriesCoverageAndTheWithheldReason_WithSixForRowsOverTheSweepsThresholds()
    {
        using var response = await api.Http.PostAsJsonAsync("/api/v1/tuning/grid", new { expr = "up{job=\"prometheus\"} > 0.5", range = "7d" });
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var coverage = body.GetProperty("coverage");
        Assert.Equal(7 * 24 * 3600, coverage.GetProperty("secondsAsked").GetDouble(), 0.01 * 7 * 24 * 3600);
        Assert.InRange(coverage.GetProperty("secondsWithData").GetDouble(), 1, 24 * 3600);
        Assert.InRange(coverage.GetProperty("share").GetDouble(), 1e-9, 0.5);
        Assert.Equal("coverage", body.GetProperty("suggestion").GetProperty("withheld").GetString());
        Assert.Contains("there is data for", body.GetProperty("suggestion").GetProperty("withheldReason").GetString());
        Assert.Equal(["0s", "1m", "2m", "5m", "10m", "15m"], body.GetProperty("fors").EnumerateArray().Select(f => f.GetString()));
        var columns = body.GetProperty("thresholds").GetArrayLength();
        Assert.InRange(columns, 1, 206);
        Assert.All(body.GetProperty("rows").EnumerateArray(), row => Assert.Equal(columns, row.GetProperty("cells").GetArrayLength()));
    }

    [Fact]
    public async Task Grid_CellsEqualTheBacktestAtTheirThresholdAndFor_OverTheSameRange()
    {
        // `for: 15s` needs four evaluations in a row: on a stack started seconds ago, wait until a minute holds them.
        using (var prometheus = new HttpClient { BaseAddress = TestStack.PrometheusUrl })
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
            while (!(await prometheus.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("count_over_time(up{job=\"prometheus\"}[1m]) >= 8"))).Contains("\"value\"")
                   && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        // A fixed end, so both answers read the same samples.
        var end = DateTimeOffset.UtcNow.AddSeconds(-5);
        using var grid = await api.Http.PostAsJsonAsync("/api/v1/tuning/grid", new
        {
            expr = "up{job=\"prometheus\"} > 0.5", range = "10m", interval = "5s", end, thresholds = new[] { 0.5, 2 }, fors = new[] { "0s", "15s" },
        });
        using var backtest = await api.Http.PostAsJsonAsync("/api/v1/backtest", new { expr = "up{job=\"prometheus\"} > 0.5", range = "10m", interval = "5s", end, @for = "15s" });
        var body = await ApiPortal.JsonAsync(grid);
        var expected = (await ApiPortal.JsonAsync(backtest)).GetProperty("total");

        Assert.Equal(HttpStatusCode.OK, grid.StatusCode);
        var cell = body.GetProperty("rows")[1].GetProperty("cells")[0];
        Assert.Equal(0.5, cell.GetProperty("threshold").GetDouble());
        Assert.True(cell.GetProperty("firingEpisodes").GetInt32() >= 1, body.ToString());
        Assert.Equal(expected.GetProperty("firingEpisodes").GetInt32(), cell.GetProperty("firingEpisodes").GetInt32());
        Assert.Equal(expected.GetProperty("alertsPerWeek").GetDouble(), cell.GetProperty("alertsPerWeek").GetDouble(), 9);
        Assert.Equal(15, cell.GetProperty("medianDelaySeconds").GetDouble());
        Assert.Equal(0, body.GetProperty("rows")[0].GetProperty("cells")[1].GetProperty("firingEpisodes").GetInt32());
    }

    [Theory]
    [InlineData("{\"expr\":\"up > 1\",\"range\":\"10m\",\"fors\":[\"5x\"]}", "fors[0]")]
    [InlineData("{\"expr\":\"up > 1\",\"range\":\"10m\",\"fors\":[]}", "fors")]
    [InlineData("{\"expr\":\"up > 1\",\"range\":\"10m\",\"fors\":[\"0s\",\"1m\",\"2m\",\"3m\",\"4m\",\"5m\",\"6m\",\"7m\",\"8m\",\"9m\",\"10m\",\"11m\",\"12m\"]}", "fors")]
    [InlineData("{\"expr\":\"up > 1\",\"range\":\"10m\",\"thresholds\":[]}", "thresholds")]
    public async Task Grid_TooManyOrBadRowsAndColumns_AreAProblemNamingTheField(string json, string field)
    {
        using var response = await api.Http.PostAsync("/api/v1/tuning/grid", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, body.ToString());
    }

    [Fact]
    public async Task Grid_MoreThanTwoHundredThresholds_IsRefusedBeforePrometheusIsAsked()
    {
        using var response = await api.Http.PostAsJsonAsync("/api/v1/tuning/grid",
            new { expr = "up > 1", range = "10m", thresholds = Enumerable.Range(0, 201).Select(i => (double)i) });
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between 1 and 200 thresholds", body.ToString());
    }

    [Theory]
    [InlineData("{\"expr\":\"up\",\"range\":\"10m\"}", "threshold")]
    [InlineData("{\"expr\":\"up > 1\",\"range\":\"40d\"}", "30 days")]
    [InlineData("{\"expr\":\"sum(up > 1\",\"range\":\"1h\"}", "line 1, column")]
    [InlineData("{\"expr\":\"up > 1\",\"range\":\"1.5h\"}", "range")]
    public async Task Backtest_BadInput_IsAProblemWithAClearDetail(string json, string detail)
    {
        using var response = await api.Http.PostAsync("/api/v1/backtest", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, body.GetProperty("detail").GetString());
    }
}
