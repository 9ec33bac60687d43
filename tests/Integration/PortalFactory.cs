using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Integration;

/// <summary>The real portal, in process, pointed at whichever servers a test chooses.</summary>
public sealed class PortalFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Development")
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public static PortalFactory For(string? redis = null, Uri? prometheus = null, string? database = null, string environment = "Development") => new(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database ?? TestStack.PostgresConnection,
            ["Redis:Configuration"] = redis ?? TestStack.RedisConfiguration,
            ["Prometheus:Url"] = (prometheus ?? TestStack.PrometheusUrl).ToString(),
        },
        environment);
}
