using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Integration.Infrastructure;

/// <summary>
/// A database migrated as `./portal` migrates (as the owner, which then grants the app role), and the
/// portal's own role on it: rows it may read and write, the audit log only append to, and nothing else.
/// </summary>
public sealed class DatabaseRoleTests : IAsyncLifetime
{
    private string _database = "";
    private ServiceProvider? _services;

    private string App => TestStack.AppConnection(_database);

    private string Owner => TestStack.DatabaseConnection(_database);

    public async Task InitializeAsync()
    {
        _database = await TestStack.CreateDatabaseAsync("roles");
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:" + DatabaseMigrations.OwnerConnectionStringName] = Owner,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(settings);
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(App, npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await TestStack.DropDatabaseAsync(_database);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET actor = 'someone-else'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    [InlineData("ALTER TABLE audit_events DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("DROP TABLE audit_events")]
    [InlineData("DROP TRIGGER audit_events_append_only ON audit_events")]
    [InlineData("ALTER TABLE audit_events OWNER TO CURRENT_USER")]
    [InlineData("CREATE ROLE intruder SUPERUSER")]
    [InlineData("CREATE TABLE shadow_audit (id int)")]
    public async Task TheAppRole_CannotRewriteTheAuditLog_OrGetAroundItsTrigger(string sql)
    {
        await RecordAsync("before-the-attempt");
        var before = await CountAsync();
        await using var connection = await OpenAsync(App);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));

        // Refused for want of rights, not stopped by the trigger further on: the trigger alone is what a superuser gets around.
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.DoesNotContain("append-only", refused.MessageText);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task TheAppRole_AppendsToAndReadsTheAuditLog_ThroughThePortalsWriter()
    {
        var log = new AuditLog(_services!.GetRequiredService<IDbContextFactory<PortalDbContext>>());

        await log.RecordAsync(As.Admin("role-test"), "role.check", "appended as the app role", new { ok = true }, default);

        var found = await log.QueryAsync(new AuditQuery(Actor: "role-test"), default);
        Assert.Equal("appended as the app role", Assert.Single(found.Items).Subject);
    }

    [Fact]
    public async Task TheAppRole_IsNoSuperuser_AndOwnsNothingInTheDatabase()
    {
        await using var connection = await OpenAsync(App);

        Assert.Equal(false, await ScalarAsync(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(false, await ScalarAsync(connection, "SELECT rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = current_user::regrole"));
        Assert.Equal(false, await ScalarAsync(connection, "SELECT pg_get_userbyid(datdba) = current_user FROM pg_database WHERE datname = current_database()"));
    }

    [Fact]
    public async Task ATableALaterMigrationCreates_IsReadAndWrittenByTheAppRole_WithoutAnotherGrant()
    {
        await using (var owner = await OpenAsync(Owner))
        {
            await ExecuteAsync(owner, "CREATE TABLE later_things (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)");
        }

        await using var app = await OpenAsync(App);
        await ExecuteAsync(app, "INSERT INTO later_things (name) VALUES ('made by the app')");

        Assert.Equal("made by the app", await ScalarAsync(app, "SELECT name FROM later_things"));
    }

    [Fact]
    public async Task TheTestStacksPortal_RunsAsARoleThatIsNoSuperuser_AndDoesNotOwnTheAuditLog()
    {
        // The role ./portal wrote into ConnectionStrings__Portal, on the database the test portal serves.
        await using var connection = await OpenAsync(TestStack.PostgresConnection);

        Assert.Equal(false, await ScalarAsync(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(false, await ScalarAsync(connection,
            "SELECT coalesce(bool_or(tableowner = current_user), false) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events'"));
        Assert.Equal(false, await ScalarAsync(connection, "SELECT has_table_privilege('audit_events', 'UPDATE, DELETE, TRUNCATE')"));
    }

    [Fact]
    public async Task TheReadme_ShowsProductionTheGrantsThatMigrateRuns()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(MigrationTests.RepositoryRoot(), "README.md"));

        foreach (var statement in DatabaseRoles.GrantScript("portal_app").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.Contains(statement, readme);
        }
    }

    private async Task RecordAsync(string subject)
    {
        await using var owner = await OpenAsync(Owner);
        await ExecuteAsync(owner, $"INSERT INTO audit_events (at, actor, action, subject) VALUES (now(), 'fixture', 'role.check', '{subject}')");
    }

    private async Task<long> CountAsync()
    {
        await using var owner = await OpenAsync(Owner);
        return (long)(await ScalarAsync(owner, "SELECT count(*) FROM audit_events"))!;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
