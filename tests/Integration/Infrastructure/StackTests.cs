using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StackExchange.Redis;

namespace Portal.Tests.Integration.Infrastructure;

/// <summary>The servers `./portal test` promised are really there and wired together.</summary>
public class StackTests
{
    [Fact]
    public async Task PostgreSql_AnswersAQuery()
    {
        await using var connection = new NpgsqlConnection(TestStack.PostgresConnection);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SHOW server_version_num", connection);

        var number = int.Parse((string)(await version.ExecuteScalarAsync())!);

        Assert.True(number >= 150000, $"PostgreSQL 15 or newer expected, found {number}");
    }

    [Fact]
    public async Task Redis_AnswersPing_AndIsLimitedTo256Mb()
    {
        var options = ConfigurationOptions.Parse(TestStack.RedisConfiguration);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var server = redis.GetServers().Single();

        await redis.GetDatabase().PingAsync();
        var config = await server.ConfigGetAsync("maxmemory*");

        Assert.Equal((256L * 1024 * 1024).ToString(), config.Single(c => c.Key == "maxmemory").Value);
        Assert.Equal("allkeys-lru", config.Single(c => c.Key == "maxmemory-policy").Value);
    }

    [Fact]
    public async Task Prometheus_ReportsItsBuild()
    {
        using var http = new HttpClient { BaseAddress = TestStack.PrometheusUrl };

        var build = await http.GetFromJsonAsync<JsonElement>("api/v1/status/buildinfo");

        Assert.Equal("success", build.GetProperty("status").GetString());
        Assert.StartsWith("2.", build.GetProperty("data").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Prometheus_HasScrapedThePortal_AndItsRequestDurations()
    {
        using var http = new HttpClient { BaseAddress = TestStack.PrometheusUrl };

        // The portal was started just before the tests; give Prometheus a few 5 s scrapes.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? up = null;
        int buckets = 0;
        while (DateTime.UtcNow < deadline)
        {
            up = await ScalarAsync(http, "up{job=\"portal\"}");
            buckets = await CountAsync(http, "http_request_duration_seconds_bucket{job=\"portal\"}");
            if (up == "1" && buckets > 0)
            {
                break;
            }

            await Task.Delay(1000);
        }

        Assert.Equal("1", up);
        Assert.True(buckets > 0, "no http_request_duration_seconds_bucket series from the portal");
    }

    [Theory]
    [InlineData("prometheus")]
    [InlineData("postgres")]
    [InlineData("redis")]
    [InlineData("node")]
    public async Task Prometheus_ScrapesEveryExporter(string job)
    {
        using var http = new HttpClient { BaseAddress = TestStack.PrometheusUrl };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? up = null;
        while (DateTime.UtcNow < deadline && up != "1")
        {
            up = await ScalarAsync(http, $"up{{job=\"{job}\"}}");
            if (up != "1")
            {
                await Task.Delay(1000);
            }
        }

        Assert.Equal("1", up);
    }

    private static async Task<JsonElement> QueryAsync(HttpClient http, string query)
    {
        var response = await http.PostAsync("api/v1/query", new FormUrlEncodedContent([new("query", query)]));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("success", json.GetProperty("status").GetString());
        return json.GetProperty("data").GetProperty("result");
    }

    private static async Task<string?> ScalarAsync(HttpClient http, string query)
    {
        var result = await QueryAsync(http, query);
        return result.GetArrayLength() == 0 ? null : result[0].GetProperty("value")[1].GetString();
    }

    private static async Task<int> CountAsync(HttpClient http, string query) => (await QueryAsync(http, query)).GetArrayLength();
}
