using Npgsql;

namespace Portal.Tests.Integration;

/// <summary>
/// The servers that `./portal test` started, read from the environment it exports. The defaults
/// are the test stack's ports, so `PORTAL_STACK=test ./portal stack start` and a plain
/// `dotnet test` work too.
/// </summary>
public static class TestStack
{
    /// <summary>The portal's own role (no superuser, owns nothing), as the test portal runs.</summary>
    public static string PostgresConnection =>
        Env("ConnectionStrings__Portal", "Host=127.0.0.1;Port=55532;Username=portal;Password=portal;Database=portal_test");

    /// <summary>The role that owns the schema and migrates; fixtures create, migrate and drop their databases with it.</summary>
    public static string OwnerConnection => Env("PORTAL_OWNER_CONNECTION", PostgresConnection);

    public static string RedisConfiguration => Env("Redis__Configuration", "127.0.0.1:56479");

    public static Uri PrometheusUrl => new(Env("Prometheus__Url", "http://127.0.0.1:59190"));

    public static Uri PortalUrl => new(Env("PORTAL_URL", "http://127.0.0.1:5180"));

    public static string Promtool => Env("PORTAL_PROMTOOL", "promtool");

    public static string RedisServer => Env("PORTAL_REDIS_SERVER", "redis-server");

    /// <summary>A connection string for a database of the test's own, so test classes never share state; as its owner.</summary>
    public static string DatabaseConnection(string database) =>
        new NpgsqlConnectionStringBuilder(OwnerConnection) { Database = database }.ConnectionString;

    /// <summary>The same database as the portal's own role, which may only read and write rows.</summary>
    public static string AppConnection(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresConnection) { Database = database }.ConnectionString;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using var admin = new NpgsqlConnection(DatabaseConnection("postgres"));
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(DatabaseConnection("postgres"));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
