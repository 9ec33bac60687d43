using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Domain.Health;

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

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", Options(only: null)).AllowAnonymous();
        foreach (var name in Components)
        {
            app.MapHealthChecks($"/health/{name}", Options(only: name)).AllowAnonymous();
        }

        return app;
    }

    private static HealthCheckOptions Options(string? only) => new()
    {
        Predicate = only is null ? _ => true : registration => registration.Name == only,
        AllowCachingResponses = false,
        ResponseWriter = async (context, report) =>
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
            await context.Response.WriteAsync(Render(state, components, now, Version, now - StartedAt, details, replica));
        },
    };

    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal static IReadOnlyList<ComponentHealth> ToComponents(HealthReport report) =>
        Portal.Infrastructure.Health.HealthComponents.From(report);

    /// <summary>
    /// Pure so that the shape can be pinned by a unit test without a server. <paramref name="replica"/> names the
    /// replica that answered (behind a load balancer, which one a monitor or a user reached); null leaves it out.
    /// </summary>
    public static string Render(HealthState state, IEnumerable<ComponentHealth> components, DateTimeOffset now, string version, TimeSpan uptime, bool details = true, string? replica = null)
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
                foreach (var (key, value) in component.Details.Where(d => details && d.Key != "latency_ms").OrderBy(d => d.Key, StringComparer.Ordinal))
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
