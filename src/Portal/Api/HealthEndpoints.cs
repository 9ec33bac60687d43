using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Domain.Health;
using Portal.Infrastructure.Health;

namespace Portal.Api;

/// <summary>
/// /health and one endpoint per dependency, in the JSON shape the teams' monitors already expect.
/// Anonymous callers get the states and latencies only: the details and error messages name the
/// database, its host and user, and Prometheus' address, unless <c>Health:ShowDetailsAnonymously</c> is set.
/// </summary>
public static class HealthEndpoints
{
    public const string ShowDetailsAnonymously = "Health:ShowDetailsAnonymously";
    public const string HiddenError = "check failed; sign in to see why";

    public static readonly IReadOnlyList<string> Components = ["db", "cache", "prometheus", "rules"];
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    /// <summary>
    /// Checks answered from the background run (<see cref="HealthHistory"/>, every 15 s) with their <c>age_s</c>, so
    /// that a load balancer polling every replica costs no rule comparison and no call to Prometheus or Redis;
    /// <c>?live=true</c> runs them now. The database check stays live: it is one cheap query and the dependency a
    /// balancer most needs to know this replica reaches.
    /// </summary>
    public static readonly IReadOnlySet<string> FromBackground = new HashSet<string>(["cache", "prometheus", "rules"], StringComparer.Ordinal);

    /// <summary>Older than this (the background run stalled), a cached result is not trusted and the check runs live.</summary>
    public static readonly TimeSpan MaxAge = HealthHistory.Period * 3;

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (HttpContext context) => RespondAsync(context, only: null)).AllowAnonymous();
        foreach (var name in Components)
        {
            app.MapGet($"/health/{name}", (HttpContext context) => RespondAsync(context, only: name)).AllowAnonymous();
        }

        return app;
    }

    private static async Task RespondAsync(HttpContext context, string? only)
    {
        var askedLive = bool.TryParse(context.Request.Query["live"], out var asked) && asked;
        var history = context.RequestServices.GetRequiredService<HealthHistory>();
        var checkedAt = DateTimeOffset.UtcNow;
        var cached = new Dictionary<string, HealthReportEntry>(StringComparer.Ordinal);
        foreach (var name in askedLive ? [] : FromBackground.Where(n => only is null || n == only))
        {
            // Before the first background run (or when it stalled) the check runs live below.
            if (history.Latest(name) is { } latest && checkedAt - latest.CheckedAt <= MaxAge)
            {
                var entry = latest.Entry;
                var data = new Dictionary<string, object>(entry.Data) { [AgeKey] = Math.Round((checkedAt - latest.CheckedAt).TotalSeconds, 1) };
                cached[name] = new HealthReportEntry(entry.Status, entry.Description, entry.Duration, entry.Exception, data, entry.Tags);
            }
        }

        // Shared: however many requests ask at once, each check runs once at a time on this replica.
        var live = context.RequestServices.GetRequiredService<SharedLiveChecks>();
        var report = await live.CheckAsync(live.Names.Where(name => (only is null || name == only) && !cached.ContainsKey(name)), context.RequestAborted);
        var entries = report.Entries.Concat(cached)
            .OrderBy(e => Order(e.Key))
            .ToDictionary(e => e.Key, e => e.Value);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
        await Write(context, only, new HealthReport(entries, report.TotalDuration));
    }

    /// <summary>The registration order, whichever way each entry was answered.</summary>
    private static int Order(string name)
    {
        for (var i = 0; i < Components.Count; i++)
        {
            if (Components[i] == name)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Seconds since the background run took a cached result; absent on results taken for this request.</summary>
    public const string AgeKey = "age_s";

    private static async Task Write(HttpContext context, string? only, HealthReport report)
    {
        var components = ToComponents(report);
        // A single dependency's endpoint answers for that dependency alone: a dead cache is
        // "unhealthy" there even though it only degrades the portal as a whole.
        var state = only is null ? HealthPolicy.Overall(components) : components.Single().State;
        context.Response.StatusCode = HealthPolicy.HttpStatus(state);
        context.Response.ContentType = "application/json";
        var now = DateTimeOffset.UtcNow;
        var details = context.User.Identity?.IsAuthenticated == true
            || context.RequestServices.GetRequiredService<IConfiguration>().GetValue<bool>(ShowDetailsAnonymously);
        var replica = context.RequestServices.GetRequiredService<Portal.Infrastructure.Cluster.ReplicaIdentity>().Name;
        // What this process holds in memory: no query, so a balancer's polling stays as cheap as before.
        var leads = context.RequestServices.GetService<Portal.Infrastructure.Cluster.ILeaderLocks>()?.Held.Order(StringComparer.Ordinal).ToList();
        await context.Response.WriteAsync(Render(state, components, now, Version, now - StartedAt, details, replica, leads));
    }

    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal static IReadOnlyList<ComponentHealth> ToComponents(HealthReport report) =>
        Portal.Infrastructure.Health.HealthComponents.From(report);

    /// <summary>
    /// Pure so that the shape can be pinned by a unit test without a server. <paramref name="replica"/> names the
    /// replica that answered (behind a load balancer, which one a monitor or a user reached); null leaves it out.
    /// <paramref name="leads"/>, the cluster-wide jobs that replica leads, is written beside it as <c>leads</c> (an array,
    /// empty when it leads none): a new field, so monitors that read <c>replica</c> as a string keep working.
    /// </summary>
    public static string Render(HealthState state, IEnumerable<ComponentHealth> components, DateTimeOffset now, string version, TimeSpan uptime, bool details = true, string? replica = null,
        IReadOnlyList<string>? leads = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("status", HealthPolicy.Wire(state));
            json.WriteString("timestamp", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteString("version", version);
            if (replica is not null)
            {
                json.WriteString("replica", replica);
                if (leads is not null)
                {
                    json.WriteStartArray("leads");
                    foreach (var job in leads)
                    {
                        json.WriteStringValue(job);
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteString("uptime", FormatUptime(uptime));
            json.WriteStartObject("checks");
            foreach (var component in components)
            {
                json.WriteStartObject(component.Name);
                json.WriteString("status", HealthPolicy.Wire(component.State));
                json.WriteNumber("latency_ms", component.Details.TryGetValue("latency_ms", out var latency) && latency is double ms
                    ? ms
                    : Math.Round(component.Latency.TotalMilliseconds, 1));
                if (component.Details.TryGetValue(AgeKey, out var age) && age is double seconds)
                {
                    json.WriteNumber(AgeKey, seconds);
                }

                foreach (var (key, value) in component.Details.Where(d => details && d.Key is not "latency_ms" and not AgeKey).OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(key);
                    JsonSerializer.Serialize(json, value);
                }

                if (component.Error is { } error)
                {
                    json.WriteString("error", details ? error : HiddenError);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string FormatUptime(TimeSpan uptime) =>
        uptime.Days > 0
            ? uptime.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)
            : uptime.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
