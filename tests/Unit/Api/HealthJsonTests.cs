using System.Text.Json;
using Portal.Api;
using Portal.Domain.Health;

namespace Portal.Tests.Unit.Api;

public class HealthJsonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 5, TimeSpan.Zero);

    private static JsonElement Render(HealthState state, params ComponentHealth[] components) =>
        JsonDocument.Parse(HealthEndpoints.Render(state, components, Now, "1.2.3", new TimeSpan(0, 12, 34, 56))).RootElement;

    [Fact]
    public void Render_HasTheSeedShapeWithOneEntryPerCheck()
    {
        var json = Render(HealthState.Degraded,
            new ComponentHealth("db", HealthState.Healthy, TimeSpan.FromMilliseconds(8),
                null, new Dictionary<string, object?> { ["latency_ms"] = 8.2, ["database"] = "portal", ["tables_accessible"] = 12 }),
            new ComponentHealth("cache", HealthState.Unhealthy, TimeSpan.FromMilliseconds(2001),
                "It was not possible to connect to the redis server(s).", new Dictionary<string, object?> { ["provider"] = "redis" }));

        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal("2026-11-23T13:00:05Z", json.GetProperty("timestamp").GetString());
        Assert.Equal("1.2.3", json.GetProperty("version").GetString());
        Assert.Equal("12:34:56", json.GetProperty("uptime").GetString());

        var db = json.GetProperty("checks").GetProperty("db");
        Assert.Equal("healthy", db.GetProperty("status").GetString());
        Assert.Equal(8.2, db.GetProperty("latency_ms").GetDouble());
        Assert.Equal("portal", db.GetProperty("database").GetString());
        Assert.Equal(12, db.GetProperty("tables_accessible").GetInt32());
        Assert.False(db.TryGetProperty("error", out _));

        var cache = json.GetProperty("checks").GetProperty("cache");
        Assert.Equal("unhealthy", cache.GetProperty("status").GetString());
        Assert.Equal(2001, cache.GetProperty("latency_ms").GetDouble());
        Assert.Equal("redis", cache.GetProperty("provider").GetString());
        Assert.Contains("redis", cache.GetProperty("error").GetString());
    }

    [Fact]
    public void Render_WithoutDetails_KeepsStatesAndLatencies_ButNotTheirDetailsOrErrors()
    {
        var text = HealthEndpoints.Render(HealthState.Degraded,
            [
                new ComponentHealth("db", HealthState.Healthy, TimeSpan.FromMilliseconds(8),
                    null, new Dictionary<string, object?> { ["latency_ms"] = 8.2, ["database"] = "secret_db", ["provider"] = "postgresql" }),
                new ComponentHealth("prometheus", HealthState.Unhealthy, TimeSpan.FromMilliseconds(5),
                    "Prometheus at http://prom.internal:9090/ is unreachable", new Dictionary<string, object?> { ["url"] = "http://prom.internal:9090/" }),
            ],
            Now, "1.2.3", TimeSpan.FromMinutes(1), details: false);
        var checks = JsonDocument.Parse(text).RootElement.GetProperty("checks");

        Assert.Equal(["latency_ms", "status"], checks.GetProperty("db").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(8.2, checks.GetProperty("db").GetProperty("latency_ms").GetDouble());
        Assert.Equal(HealthEndpoints.HiddenError, checks.GetProperty("prometheus").GetProperty("error").GetString());
        Assert.DoesNotContain("secret_db", text);
        Assert.DoesNotContain("prom.internal", text);
    }

    [Fact]
    public void Render_WithAReplicaName_NamesItBesideTheVersion_AndWithoutOneLeavesTheFieldOut()
    {
        var named = JsonDocument.Parse(HealthEndpoints.Render(HealthState.Healthy, [], Now, "1.2.3", TimeSpan.FromMinutes(1), details: false, replica: "replica-2")).RootElement;
        var unnamed = JsonDocument.Parse(HealthEndpoints.Render(HealthState.Healthy, [], Now, "1.2.3", TimeSpan.FromMinutes(1), details: false)).RootElement;

        Assert.Equal("replica-2", named.GetProperty("replica").GetString());
        Assert.Equal(["status", "timestamp", "version", "replica", "uptime", "checks"], named.EnumerateObject().Select(p => p.Name));
        Assert.False(unnamed.TryGetProperty("replica", out _));
    }

    [Fact]
    public void Render_UptimeOverADay_ShowsDays() =>
        Assert.Equal("3.04:05:06", HealthEndpoints.FormatUptime(new TimeSpan(3, 4, 5, 6)));

    [Fact]
    public void Render_WithTheJobsTheReplicaLeads_AddsThemAfterTheReplica_AndKeepsReplicaAString()
    {
        var leading = JsonDocument.Parse(HealthEndpoints.Render(HealthState.Healthy, [], Now, "1.2.3", TimeSpan.FromMinutes(1), details: false, replica: "replica-2",
            leads: ["noise", "publishing monitor"])).RootElement;
        var idle = JsonDocument.Parse(HealthEndpoints.Render(HealthState.Healthy, [], Now, "1.2.3", TimeSpan.FromMinutes(1), details: false, replica: "replica-1", leads: [])).RootElement;

        Assert.Equal("replica-2", leading.GetProperty("replica").GetString());
        Assert.Equal(["noise", "publishing monitor"], leading.GetProperty("leads").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(["status", "timestamp", "version", "replica", "leads", "uptime", "checks"], leading.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, idle.GetProperty("leads").GetArrayLength());
    }
}
