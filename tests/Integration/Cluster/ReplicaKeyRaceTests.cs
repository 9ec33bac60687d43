using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Integration.Cluster;

/// <summary>
/// Two replicas started together on a fresh database, without the migrate step's first key (a production deploy that
/// applied migrations/portal.sql and then started both at once): they must agree on one data-protection key, so that a
/// cookie or antiforgery token one issues the other reads, also after ASP.NET's two-minute "refresh on an unknown key"
/// window has closed.
/// </summary>
public sealed class ReplicaKeyRaceTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await TestStack.CreateDatabaseAsync("keyrace");
        // The schema only, as a deployment applies it: no host, so nothing loads the key ring or creates a key.
        // As the owner, who then grants the portal's role its rights, as migrations/portal.sql does.
        var services = new ServiceCollection();
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(TestStack.AppConnection(_database),
            npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:" + DatabaseMigrations.OwnerConnectionStringName] = TestStack.DatabaseConnection(_database) })
            .Build());
        services.AddSingleton<DatabaseMigrations>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
    }

    public Task DisposeAsync() => TestStack.DropDatabaseAsync(_database);

    private PortalFactory Replica(string name) => new(new Dictionary<string, string?>(Api.ApiPortal.Settings(TestStack.AppConnection(_database), token: null))
    {
        ["Cluster:ReplicaName"] = name,
    });

    private async Task<int> KeysInTableAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestStack.DatabaseConnection(_database));
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        return Convert.ToInt32(await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TwoReplicasStartedTogetherOnAnEmptyKeyTable_ShareOneKey_AndReadEachOthersPayloads()
    {
        Assert.Equal(0, await KeysInTableAsync());
        await using var a = Replica("replica-a");
        await using var b = Replica("replica-b");

        // Starting the hosts (hosted services included) on two threads at once: the moment the race happens.
        await Task.WhenAll(Task.Run(() => a.Server), Task.Run(() => b.Server));

        Assert.Equal(1, await KeysInTableAsync());
        // The key each replica protects new payloads with, from its cached ring: once ASP.NET's two-minute window of
        // refreshing on an unknown key has closed, this cache alone decides whether the other's payload is readable.
        var ringA = a.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
        var ringB = b.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
        Assert.Equal(ringA.DefaultKeyId, ringB.DefaultKeyId);

        var fromA = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("race").Protect("issued by a");
        var fromB = b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("race").Protect("issued by b");
        Assert.Equal("issued by a", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("race").Unprotect(fromA));
        Assert.Equal("issued by b", a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("race").Unprotect(fromB));
    }

    [Fact]
    public async Task AntiforgeryCookieAndTokenFromOneReplica_AreAcceptedByTheOther_WhenBothStartedOnAnEmptyKeyTable()
    {
        await using var a = Replica("replica-a");
        await using var b = Replica("replica-b");
        await Task.WhenAll(Task.Run(() => a.Server), Task.Run(() => b.Server));

        using var httpA = a.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var httpB = b.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var form = await httpA.GetAsync("/account/login");
        var token = ReplicaStack.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        // A wrong password: the answer is the form again (200) when the token was accepted, 400 when it was not.
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = ReplicaStack.SignInForm(token, "nobody", "wrong-password") };
        post.Headers.Add("Cookie", ReplicaStack.Cookies(form));
        using var answer = await httpB.SendAsync(post);

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, await KeysInTableAsync());
    }
}
