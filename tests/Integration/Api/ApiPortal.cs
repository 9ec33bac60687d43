using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Integration.Api;

/// <summary>
/// The portal in process against a database of the test class's own, migrated, with an API token
/// configured and an HttpClient that sends it.
/// </summary>
public sealed class ApiPortal : IAsyncLifetime
{
    public const string Token = "api-integration-test-token";
    public const string User = "api-test-user";

    /// <summary>Who writes with <see cref="Token"/>: the first admin, whose token it becomes.</summary>
    public const string Admin = "admin";

    /// <summary>The teams the API tests name (namespaces need an existing owner).</summary>
    public static readonly string[] Teams = ["api-tests", "t", "team-a", "team-b"];

    private string _database = "";

    public PortalFactory Portal { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The connection string of the fixture's migrated database, for a second portal on the same data (as the app role).</summary>
    public string Database => TestStack.AppConnection(_database);

    /// <summary>The same database as the role that owns it, for what only the owner may do.</summary>
    public string OwnerDatabase => TestStack.DatabaseConnection(_database);

    public async Task InitializeAsync()
    {
        _database = await TestStack.CreateDatabaseAsync("api");
        // As ./portal runs it: the portal as the app role, migrations as the owner (who grants the app role its rights).
        Portal = new PortalFactory(new Dictionary<string, string?>(Settings(Database, Token))
        {
            ["ConnectionStrings:" + DatabaseMigrations.OwnerConnectionStringName] = OwnerDatabase,
        });
        await Portal.Services.GetRequiredService<DatabaseMigrations>().ApplyAsync(CancellationToken.None);
        // As after `./portal up`: the first admin exists and the bootstrap token is theirs.
        await Portal.Services.GetRequiredService<Portal.Infrastructure.Identity.IdentityBootstrap>().EnsureAsync(CancellationToken.None);
        foreach (var team in Teams)
        {
            Assert.Empty(await Portal.Services.GetRequiredService<Portal.Infrastructure.Identity.ITeams>().CreateAsync(As.Admin(Admin), team, null, default));
        }

        Http = Portal.CreateClient();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        if (_database.Length > 0)
        {
            await TestStack.DropDatabaseAsync(_database);
        }
    }

    public static Dictionary<string, string?> Settings(string database, string? token) => new()
    {
        ["ConnectionStrings:Portal"] = database,
        ["Redis:Configuration"] = TestStack.RedisConfiguration,
        ["Prometheus:Url"] = TestStack.PrometheusUrl.ToString(),
        // As ./portal exports it: the stack evaluates every 5 s, so backtests of fresh data have samples.
        ["Prometheus:EvaluationInterval"] = "00:00:05",
        ["Portal:BootstrapApiToken"] = token,
        ["Portal:LocalUser"] = User,
    };

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A namespace with one group; returns the group's id, which new rules need.</summary>
    public async Task<Guid> CreateGroupAsync(string @namespace, string group)
    {
        using var ns = await Http.PostAsJsonAsync("/api/v1/namespaces", new { name = @namespace, team = "api-tests" });
        Assert.True(ns.IsSuccessStatusCode, await ns.Content.ReadAsStringAsync());
        using var created = await Http.PostAsJsonAsync($"/api/v1/namespaces/{@namespace}/groups", new { name = group, interval = "1m" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await JsonAsync(created)).GetProperty("id").GetGuid();
    }
}
