using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Integration.Faults;

/// <summary>
/// Portals started while their PostgreSQL (the test's own) is stopped: they start, say on /health that the database
/// is down, and once it is started they prepare one shared data-protection key, so a sign-in on one is accepted by
/// the other.
/// </summary>
public sealed class DatabaseDownAtStartTests : IAsyncLifetime
{
    private readonly OwnPostgres _postgres = new();

    public async Task InitializeAsync()
    {
        await _postgres.CreateAsync();
        try
        {
            await using (var setup = OwnPostgresPortal.Create(_postgres))
            {
                await OwnPostgresPortal.PrepareAsync(setup, "faults");
            }

            // The worst case: no key yet, so the first one is made after the database comes back.
            await using var db = new NpgsqlConnection(_postgres.OwnerConnection);
            await db.OpenAsync();
            await using var clear = new NpgsqlCommand("DELETE FROM data_protection_keys", db);
            await clear.ExecuteNonQueryAsync();
            await db.CloseAsync();
            NpgsqlConnection.ClearAllPools();
            await _postgres.StopAsync();
        }
        catch
        {
            // xUnit does not call DisposeAsync when this throws: leave no server behind.
            await _postgres.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task PortalsStartedWithTheDatabaseDown_Answer503_ThenShareOneKeyOnceItIsBack(string environment)
    {
        await using var one = OwnPostgresPortal.Create(_postgres, extra: Replica("one"), environment: environment);
        await using var two = OwnPostgresPortal.Create(_postgres, extra: Replica("two"), environment: environment);
        // Starting does not throw (CreateClient starts the host), and neither portal has a prepared key ring yet.
        using var httpOne = one.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var httpTwo = two.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.False(Gate(one).Ready);

        using (var health = await httpOne.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        using (var db = await httpTwo.GetAsync("/health/db"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, db.StatusCode);
            Assert.Contains("unhealthy", await db.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        await _postgres.StartAsync();

        await UntilAsync(async () =>
        {
            using var db = await httpOne.GetAsync("/health/db");
            return db.StatusCode == HttpStatusCode.OK;
        }, "/health/db did not recover after PostgreSQL started");
        // Both portals come to one key, made under the lock, without a request asking for it.
        await UntilAsync(() => Task.FromResult(Gate(one).Ready && Gate(two).Ready), "the key ring was not prepared after PostgreSQL started");
        Assert.Equal(1, await KeysAsync());

        // Signed in on one (the sign-in form's antiforgery token and the cookie come from its keys), accepted by two.
        var cookies = await one.SignInCookiesAsync();
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", cookies);
        using var answer = await httpTwo.SendAsync(home);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var anonymous = await httpTwo.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(1, await KeysAsync());
    }

    [Fact]
    public async Task TheFirstRequestAfterTheDatabaseReturns_MakesTheFirstKeyOnlyUnderTheLock()
    {
        await using var portal = OwnPostgresPortal.Create(_postgres);
        using var http = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.False(Gate(portal).Ready);
        await _postgres.StartAsync();
        // Another replica is preparing the key ring: it holds the lock.
        await using var other = new NpgsqlConnection(_postgres.OwnerConnection);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({ReplicaKeyRingGate.LockKey})", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        // The sign-in form needs a key (its antiforgery token).
        var form = http.GetAsync("/account/login");
        await UntilAsync(async () => await WaitersAsync() > 0, "nobody waited for the key-ring lock");
        await Task.WhenAny(form, Task.Delay(TimeSpan.FromSeconds(3)));

        // While the other replica holds the lock the request waits: no key made beside the other replica's.
        Assert.False(form.IsCompleted, "the sign-in form was answered while another replica held the key-ring lock");
        Assert.Equal(0, await KeysAsync());

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({ReplicaKeyRingGate.LockKey})", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        using var answered = await form;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.True(Gate(portal).Ready);
        Assert.Equal(1, await KeysAsync());
    }

    private async Task<long> WaitersAsync()
    {
        await using var db = new NpgsqlConnection(_postgres.OwnerConnection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static Dictionary<string, string?> Replica(string name) => new() { ["Cluster:ReplicaName"] = name };

    private static ReplicaKeyRingGate Gate(PortalFactory portal) => portal.Services.GetRequiredService<ReplicaKeyRingGate>();

    private async Task<long> KeysAsync()
    {
        await using var db = new NpgsqlConnection(_postgres.OwnerConnection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }
}
