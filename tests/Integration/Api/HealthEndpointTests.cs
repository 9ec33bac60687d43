using System.Net;
using System.Text.Json;

namespace Portal.Tests.Integration.Api;

public class HealthEndpointTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitForAsync(HttpClient http, string path, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var result = await GetAsync(http, path);
            if (result.Body.GetProperty("status").GetString() == status || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Health_WithEverythingUp_IsHealthyWithEveryCheck()
    {
        await using var portal = PortalFactory.For();
        // Signed in: the details (Prometheus' version among them) are not for anonymous callers.
        using var http = await portal.SignedInClientAsync();

        var (status, body) = await WaitForAsync(http, "/health", "healthy");

        Assert.True(body.GetProperty("status").GetString() == "healthy", body.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        var checks = body.GetProperty("checks");
        Assert.Equal(["cache", "db", "prometheus", "rules"], checks.EnumerateObject().Select(c => c.Name).Order().ToArray());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("healthy", c.Value.GetProperty("status").GetString()));
        Assert.StartsWith("2.", checks.GetProperty("prometheus").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Health_WithRedisStopped_IsDegraded_AndCacheEndpointIs503_UntilRedisReturns()
    {
        await using var redis = new RedisProcess();
        await redis.StartAsync();
        await using var portal = PortalFactory.For(redis: redis.Configuration);
        using var http = portal.CreateClient();
        var (upStatus, _) = await WaitForAsync(http, "/health/cache", "healthy");
        Assert.Equal(HttpStatusCode.OK, upStatus);

        await redis.StopAsync();
        var (overallStatus, overall) = await WaitForAsync(http, "/health", "degraded");
        var (cacheStatus, cache) = await GetAsync(http, "/health/cache");

        Assert.Equal(HttpStatusCode.OK, overallStatus);
        Assert.Equal("degraded", overall.GetProperty("status").GetString());
        Assert.Equal("healthy", overall.GetProperty("checks").GetProperty("db").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cacheStatus);
        Assert.Equal("unhealthy", cache.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(cache.GetProperty("checks").GetProperty("cache").GetProperty("error").GetString()));

        await using var restarted = new RedisProcess(redis.Port);
        await restarted.StartAsync();
        var (backStatus, back) = await WaitForAsync(http, "/health/cache", "healthy");
        Assert.Equal(HttpStatusCode.OK, backStatus);
        Assert.Equal("healthy", back.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_WithPrometheusUnreachable_IsDegraded_AndPagesStillRender()
    {
        var nobody = new Uri($"http://127.0.0.1:{TestStack.FreeLoopbackPort()}");
        await using var portal = PortalFactory.For(prometheus: nobody);
        using var http = await portal.SignedInClientAsync();

        var (status, body) = await GetAsync(http, "/health");
        var (promStatus, prom) = await GetAsync(http, "/health/prometheus");
        using var page = await http.GetAsync("/rules");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, promStatus);
        Assert.Contains(nobody.Authority, prom.GetProperty("checks").GetProperty("prometheus").GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("unreachable", html);
    }

    [Fact]
    public async Task Health_WithDatabaseUnreachable_IsUnhealthyWith503()
    {
        var nowhere = $"Host=127.0.0.1;Port={TestStack.FreeLoopbackPort()};Username=portal;Password=portal;Database=portal;Timeout=2";
        await using var portal = PortalFactory.For(database: nowhere);
        using var http = portal.CreateClient();

        var (status, body) = await GetAsync(http, "/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("db").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_ExposesThePortalsOwnMetricNames()
    {
        await using var portal = PortalFactory.For();
        using var http = portal.CreateClient();
        await http.GetAsync("/health");

        var text = await http.GetStringAsync("/metrics");

        foreach (var name in new[]
                 {
                     "http_request_duration_seconds_bucket", "http_requests_total", "cache_requests_total{result=\"hit\"}",
                     "cache_lookup_duration_seconds", "prometheus_query_duration_seconds", "portal_publish_total{outcome=\"success\"}",
                     "db_query_duration_seconds",
                 })
        {
            Assert.Contains(name, text);
        }
    }

    [Fact]
    public async Task MetadataProxy_ForwardsLabelValues_AndRefusesQueries()
    {
        await using var portal = PortalFactory.For();
        using var http = await portal.SignedInClientAsync();

        var names = JsonDocument.Parse(await http.GetStringAsync("/prometheus-metadata/api/v1/label/__name__/values")).RootElement;
        using var query = await http.GetAsync("/prometheus-metadata/api/v1/query?query=up");
        using var reload = await http.PostAsync("/prometheus-metadata/-/reload", null);

        Assert.Contains(names.GetProperty("data").EnumerateArray(), n => n.GetString() == "up");
        Assert.Equal(HttpStatusCode.NotFound, query.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reload.StatusCode);
    }
}
