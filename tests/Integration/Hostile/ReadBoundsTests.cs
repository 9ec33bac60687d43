using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Publishing;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Hostile;

/// <summary>
/// Reads with bounds (issue 12, items 10–12): backtest inputs that used to be 500s, answers of every series,
/// the metadata proxy, what anonymous callers learn from /health and /metrics, publish targets outside the
/// allowed roots and dry-run imports that promised what the import then refused.
/// </summary>
public class ReadBoundsTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string EverySeries = """{__name__=~".+"} > -1""";

    /// <summary>A second portal on the fixture's database with small read limits, so the stack's few thousand series pass them.</summary>
    private PortalFactory Limited(params (string Key, string Value)[] limits)
    {
        var settings = ApiPortal.Settings(api.Database, ApiPortal.Token);
        foreach (var (key, value) in limits)
        {
            settings[key] = value;
        }

        return new PortalFactory(settings);
    }

    private static HttpClient WithToken(PortalFactory portal)
    {
        var http = portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiPortal.Token);
        return http;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> BacktestAsync(string json, HttpClient? http = null)
    {
        using var response = await (http ?? api.Http).PostAsync("/api/v1/backtest", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        return (response.StatusCode, await ApiPortal.JsonAsync(response));
    }

    private static string[] Fields(JsonElement problem) =>
        problem.TryGetProperty("fieldErrors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray() : [];

    [Fact]
    public async Task Backtest_EndingInYearOne_IsRefusedAtTheEndField()
    {
        var (status, body) = await BacktestAsync("""{"expr":"up > 1","range":"7d","end":"0001-01-01T00:00:00Z"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["end"], Fields(body));
        Assert.Contains("1970", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"expr":"up > 1","range":"1h","end":"9999-12-31T23:59:59Z"}""", "end")]
    [InlineData("""{"expr":"up > 1","range":"0s"}""", "range")]
    [InlineData("""{"expr":"up > 1","range":"1h","budget":-1}""", "budget")]
    public async Task Backtest_WithAnAbsurdWindowOrBudget_IsRefusedAtItsField(string json, string field)
    {
        var (status, body) = await BacktestAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(field, Fields(body));
    }

    [Theory]
    [InlineData("""{"expr":"up > NaN","range":"1h"}""")]
    [InlineData("""{"expr":"up > Inf","range":"1h"}""")]
    [InlineData("""{"expr":"up < -Inf","range":"1h"}""")]
    public async Task Backtest_WithANonFiniteThresholdInTheExpression_IsRefusedAtTheExpression(string json)
    {
        var (status, body) = await BacktestAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["expr"], Fields(body));
        Assert.Contains("finite", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"expr":"up > 1","range":"1h","threshold":"NaN"}""")]
    [InlineData("""{"expr":"up > 1","range":"1h","threshold":"-Infinity"}""")]
    [InlineData("""{"expr":"up > 1","range":"1h","threshold":1e999}""")]
    public async Task Backtest_WithANonFiniteWhatIfThreshold_IsABadRequestNamingTheThreshold(string json)
    {
        var (status, body) = await BacktestAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("threshold", body.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sweep_WithAHugeInterval_IsRefusedAtTheIntervalField()
    {
        using var response = await api.Http.PostAsync("/api/v1/sweep",
            new StringContent("""{"expr":"up > 1","range":"1h","interval":"200y"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("interval", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Backtest_OfEverySeries_IsRefusedPastTheSeriesLimit_NamingTheLimit()
    {
        await using var portal = Limited(("Prometheus:MaxRangeSeries", "50"));
        using var http = WithToken(portal);

        var (status, body) = await BacktestAsync(JsonSerializer.Serialize(new { expr = EverySeries, range = "1h" }), http);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("more than 50 series", body.GetProperty("detail").GetString());
        Assert.Contains("narrow", body.GetProperty("detail").GetString());
        Assert.Equal("expr", body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Backtest_OfEverySeries_IsRefusedPastTheSampleLimit()
    {
        await using var portal = Limited(("Prometheus:MaxRangeSamples", "1000"));
        using var http = WithToken(portal);

        var (status, body) = await BacktestAsync(JsonSerializer.Serialize(new { expr = EverySeries, range = "1h" }), http);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("more than 1,000 samples", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MetadataProxy_SeriesOfEverything_IsCutAtTheByteLimit_WithTheFieldToNarrow()
    {
        await using var portal = Limited(("Prometheus:MaxMetadataBytes", "20000"));
        using var http = await portal.SignedInClientAsync();

        using var response = await http.GetAsync("/prometheus-metadata/api/v1/series?match[]=" + Uri.EscapeDataString("""{__name__=~".+"}"""));
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("match[]", body.GetProperty("field").GetString());
        Assert.Contains("20,000 bytes", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MetadataProxy_Metadata_IsAskedWithTheConfiguredLimit_WhateverTheCallerAsks()
    {
        await using var portal = Limited(("Prometheus:MetadataLimit", "3"));
        using var http = await portal.SignedInClientAsync();

        var body = JsonDocument.Parse(await http.GetStringAsync("/prometheus-metadata/api/v1/metadata?limit=100000")).RootElement;

        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(3, body.GetProperty("data").EnumerateObject().Count());
    }

    [Theory]
    [InlineData("api/v1/labels?start=abc", "start")]
    [InlineData("api/v1/labels?end=1e300", "end")]
    [InlineData("api/v1/labels?start=2000&end=1000", "start")]
    [InlineData("api/v1/label/job/values?limit=-1", "limit")]
    public async Task MetadataProxy_InsaneParameters_AreRefusedAtTheirField(string path, string field)
    {
        using var http = await api.Portal.SignedInClientAsync();

        using var response = await http.GetAsync("/prometheus-metadata/" + path);
        var body = await ApiPortal.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task MetadataProxy_TooManyMatchers_AreRefused()
    {
        using var http = await api.Portal.SignedInClientAsync();
        var query = string.Join('&', Enumerable.Range(0, 21).Select(i => $"match[]=up{{i=\"{i}\"}}"));

        using var response = await http.GetAsync("/prometheus-metadata/api/v1/series?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 20", (await ApiPortal.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_ToAnAnonymousCaller_NamesNoHostUserOrDatabase_ButASignedInOneSeesThem()
    {
        using var anonymous = api.Portal.CreateClient();
        using var signedIn = await api.Portal.SignedInClientAsync();
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(api.Database);

        var hidden = await anonymous.GetStringAsync("/health");
        var shown = await signedIn.GetStringAsync("/health");

        var checks = JsonDocument.Parse(hidden).RootElement.GetProperty("checks");
        Assert.Equal(["cache", "db", "prometheus", "rules"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.All(checks.EnumerateObject(), c => Assert.True(c.Value.TryGetProperty("latency_ms", out _)));
        foreach (var secret in new[] { connection.Database!, TestStack.PrometheusUrl.Authority })
        {
            Assert.DoesNotContain(secret, hidden);
            Assert.Contains(secret, shown);
        }
    }

    [Fact]
    public async Task Metrics_LabelThePortalsDatabasePoolByName_NotByConnectionString()
    {
        // The portal process ./portal test runs: in this test process every helper's pool (tests create and
        // migrate databases as the owner) shares prometheus-net's registry, so only a process of its own shows
        // what an anonymous scraper of the portal sees.
        using var live = new HttpClient { BaseAddress = TestStack.PortalUrl, Timeout = TimeSpan.FromSeconds(30) };
        // Database traffic first, so Npgsql's meters have series if they are exported at all.
        using var health = await live.GetAsync("/health/db");

        var text = await live.GetStringAsync("/metrics");

        Assert.Contains("db_client_connection_pool_name=\"portal\"", text);
        Assert.DoesNotContain("Username=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PublishTarget_OutsideTheAllowedRoots_IsRefusedAtTheField_AndAudited()
    {
        var targets = api.Portal.Services.GetRequiredService<IPublishTargets>();
        var caller = As.Admin(ApiPortal.Admin);
        var name = "outside-" + Guid.NewGuid().ToString("N")[..6];
        var root = Directory.CreateTempSubdirectory("portal-roots-");
        try
        {
            // A link inside an allowed directory that leads out of it is judged by where it leads.
            var allowed = Environment.GetEnvironmentVariable("Publishing__Targets__0__RulesDirectory")!;
            var link = Path.Combine(allowed, "link-" + name);
            Directory.CreateSymbolicLink(link, root.FullName);
            try
            {
                var direct = await targets.AddAsync(new PublishTarget(name, new Uri("http://127.0.0.1:1/"), root.FullName, "", TargetSource.Database), caller, default);
                var dotted = await targets.AddAsync(new PublishTarget(name, new Uri("http://127.0.0.1:1/"), allowed + "/" + string.Concat(Enumerable.Repeat("../", 30)) + root.FullName.TrimStart('/'), "", TargetSource.Database), caller, default);
                var linked = await targets.AddAsync(new PublishTarget(name, new Uri("http://127.0.0.1:1/"), link, "", TargetSource.Database), caller, default);

                foreach (var refused in new[] { direct, dotted, linked })
                {
                    Assert.Equal("rulesDirectory", Assert.Single(refused).Field);
                    Assert.Contains("outside", refused[0].Message);
                }

                var audit = await api.Portal.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: "denied.target.add", Subject: name), default);
                Assert.Equal(3, audit.Total);
                Assert.DoesNotContain(await targets.ListAsync(default), t => t.Name == name);
            }
            finally
            {
                Directory.Delete(link);
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StoredTarget_OutsideTheAllowedRoots_IsListedForRemoval_ButNeverPublishedTo()
    {
        // A row from before the roots existed (or a root taken away since): it stays visible so an Admin can
        // remove it, and every publish leaves it out.
        var name = "stale-" + Guid.NewGuid().ToString("N")[..6];
        var outside = Directory.CreateTempSubdirectory("portal-stale-");
        await using (var connection = new Npgsql.NpgsqlConnection(api.Database))
        {
            await connection.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand(
                "INSERT INTO publish_targets (name, url, rules_directory, file_prefix, created_at, created_by) VALUES (@n, 'http://127.0.0.1:1/', @d, '', now(), 'before-roots')", connection);
            insert.Parameters.AddWithValue("n", name);
            insert.Parameters.AddWithValue("d", outside.FullName);
            await insert.ExecuteNonQueryAsync();
        }

        try
        {
            var listed = Assert.Single(await api.Portal.Services.GetRequiredService<IPublishTargets>().ListAsync(default), t => t.Name == name);
            Assert.True(listed.OutsideAllowedRoots);
            var plan = await api.Portal.Services.GetRequiredService<IPublisher>().PlanAsync(default);
            Assert.DoesNotContain(name, plan.Targets);
            Assert.NotEmpty(plan.Targets);
        }
        finally
        {
            await using var connection = new Npgsql.NpgsqlConnection(api.Database);
            await connection.OpenAsync();
            await using var delete = new Npgsql.NpgsqlCommand("DELETE FROM publish_targets WHERE name = @n", connection);
            delete.Parameters.AddWithValue("n", name);
            await delete.ExecuteNonQueryAsync();
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PublishTarget_UnderAnAllowedRoot_IsAdded()
    {
        var targets = api.Portal.Services.GetRequiredService<IPublishTargets>();
        var caller = As.Admin(ApiPortal.Admin);
        var name = "inside-" + Guid.NewGuid().ToString("N")[..6];
        var allowed = Environment.GetEnvironmentVariable("Publishing__Targets__1__RulesDirectory")!;

        Assert.Empty(await targets.AddAsync(new PublishTarget(name, new Uri("http://127.0.0.1:1/"), allowed, "x-", TargetSource.Database), caller, default));
        Assert.True(await targets.RemoveAsync(name, caller, default));
    }

    [Theory]
    [InlineData(PortalRole.Viewer)]
    [InlineData(PortalRole.Editor)]
    public async Task DryRunImport_RefusesPerItemWhatTheImportWouldRefuse(PortalRole role)
    {
        var store = api.Portal.Services.GetRequiredService<IRuleStore>();
        var ns = "dry-parity-" + Guid.NewGuid().ToString("N")[..6];
        await api.CreateGroupAsync(ns, "g");
        // The namespace belongs to api-tests; this caller edits for team-b only, or not at all.
        var caller = Caller.Of("someone-else", [role], ["team-b"]);
        var request = new ImportRequest("groups:\n  - name: g\n    rules:\n      - alert: Parity\n        expr: up == 0\n", ns);

        var plan = await store.PlanImportAsync(request, caller, default);
        var import = await store.ImportAsync(request, caller, default);

        Assert.Equal(StoreOutcome.Forbidden, import.Outcome);
        var item = Assert.Single(plan.Items);
        Assert.Equal(ImportAction.Refuse, item.Action);
        Assert.False(string.IsNullOrWhiteSpace(item.Reason));
        var owner = await store.PlanImportAsync(request, As.Admin(ApiPortal.Admin), default);
        Assert.Equal(ImportAction.Create, Assert.Single(owner.Items).Action);
    }
}
