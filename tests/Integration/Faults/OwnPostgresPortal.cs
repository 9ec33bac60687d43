using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Integration.Faults;

/// <summary>Settings for a portal on an <see cref="OwnPostgres"/>: as ./portal runs it, the app role for the portal and the owner for migrations.</summary>
internal static class OwnPostgresPortal
{
    public const string Token = "faults-test-token";

    public static PortalFactory Create(OwnPostgres postgres, string? redis = null, IReadOnlyDictionary<string, string?>? extra = null, string environment = "Development")
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = postgres.AppConnection,
            ["ConnectionStrings:" + DatabaseMigrations.OwnerConnectionStringName] = postgres.OwnerConnection,
            ["Redis:Configuration"] = redis ?? TestStack.RedisConfiguration,
            ["Prometheus:Url"] = TestStack.PrometheusUrl.ToString(),
            ["Portal:BootstrapApiToken"] = Token,
            ["Portal:LocalUser"] = "faults-user",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new PortalFactory(settings, environment);
    }

    /// <summary>Migrates (as the owner, granting the app role), makes the first admin (whose the token becomes) and one team.</summary>
    public static async Task PrepareAsync(PortalFactory portal, string team)
    {
        await portal.Services.GetRequiredService<DatabaseMigrations>().ApplyAsync(CancellationToken.None);
        await portal.Services.GetRequiredService<Portal.Infrastructure.Identity.IdentityBootstrap>().EnsureAsync(CancellationToken.None);
        Assert.Empty(await portal.Services.GetRequiredService<Portal.Infrastructure.Identity.ITeams>().CreateAsync(As.Admin("admin"), team, null, default));
    }

    public static HttpClient Api(PortalFactory portal)
    {
        var http = portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }
}
