using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Api;
using Portal.Infrastructure.Health;

namespace Portal.Tests.Integration.Cluster;

/// <summary>/health answers the costly checks from the background run, with their age, and runs them when asked to.</summary>
public sealed class LeaderHealthTests
{
    private static async Task<JsonElement> CheckAsync(HttpClient http, string path, string check)
    {
        // 503 or 200: the state of the test stack's rules is not what these tests are about.
        using var response = await http.GetAsync(path);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return body.GetProperty("checks").GetProperty(check);
    }

    [Fact]
    public async Task Rules_IsTheBackgroundResultWithItsAge_AndLiveWhenAsked()
    {
        await using var portal = PortalFactory.For();
        using var http = portal.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var cached = await CheckAsync(http, "/health/rules", "rules");
        while (!cached.TryGetProperty(HealthEndpoints.AgeKey, out _) && DateTime.UtcNow < deadline)
        {
            // Before the first background run the check ran live for this request.
            await Task.Delay(250);
            cached = await CheckAsync(http, "/health/rules", "rules");
        }

        var live = await CheckAsync(http, "/health/rules?live=true", "rules");
        var overall = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement.GetProperty("checks");

        var age = cached.GetProperty(HealthEndpoints.AgeKey).GetDouble();
        Assert.InRange(age, 0, HealthEndpoints.MaxAge.TotalSeconds);
        Assert.False(live.TryGetProperty(HealthEndpoints.AgeKey, out _));
        Assert.True(overall.GetProperty("rules").TryGetProperty(HealthEndpoints.AgeKey, out _));
        Assert.False(overall.GetProperty("db").TryGetProperty(HealthEndpoints.AgeKey, out _));
    }

    [Fact]
    public async Task Rules_ShowsWhatTheBackgroundRunFound_UntilItsNextRun_WhileLiveChecksNow()
    {
        await using var portal = PortalFactory.For();
        using var http = portal.CreateClient();
        // As if the last background run had found the rules broken after 12.3456 s: /health repeats that, ?live=true does not.
        // The real background run (every 15 s) may publish between planting and reading; that attempt proves nothing
        // either way, so it is planted again: only a read the planted entry outlived is judged.
        var history = portal.Services.GetRequiredService<HealthHistory>();
        var planted = new HealthReportEntry(HealthStatus.Unhealthy, "planted by the test", TimeSpan.FromMilliseconds(12345.6), null, null);
        HttpStatusCode cachedStatus;
        JsonElement cached;
        var attempts = 0;
        do
        {
            attempts++;
            await history.PublishAsync(
                new HealthReport(new Dictionary<string, HealthReportEntry> { ["rules"] = planted }, TimeSpan.FromMilliseconds(1)), default);
            using var cachedResponse = await http.GetAsync("/health/rules");
            cachedStatus = cachedResponse.StatusCode;
            cached = JsonDocument.Parse(await cachedResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("rules").Clone();
        }
        while (!ReferenceEquals(history.Latest("rules")?.Entry.Description, planted.Description) && attempts < 5);

        Assert.Same(planted.Description, history.Latest("rules")?.Entry.Description);
        var live = await CheckAsync(http, "/health/rules?live=true", "rules");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, cachedStatus);
        Assert.Equal("unhealthy", cached.GetProperty("status").GetString());
        Assert.Equal(12345.6, cached.GetProperty("latency_ms").GetDouble());
        Assert.True(cached.TryGetProperty(HealthEndpoints.AgeKey, out _));
        Assert.NotEqual(12345.6, live.GetProperty("latency_ms").GetDouble());
        Assert.False(live.TryGetProperty(HealthEndpoints.AgeKey, out _));
    }
}
