using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Integration.Infrastructure;

public sealed class MigrationTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestStack.CreateDatabaseAsync("migrations");

    public Task DisposeAsync() => TestStack.DropDatabaseAsync(_database);

    private DatabaseMigrations Migrations()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(TestStack.DatabaseConnection(_database), o => o.MigrationsAssembly(DatabaseMigrations.AssemblyName))
            .Options;
        return new DatabaseMigrations(new Factory(options));
    }

    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase_AndLeaveNothingPending()
    {
        var migrations = Migrations();
        Assert.NotEmpty(await migrations.PendingAsync(default));

        await migrations.ApplyAsync(default);

        Assert.Empty(await migrations.PendingAsync(default));
        await using var connection = new NpgsqlConnection(TestStack.DatabaseConnection(_database));
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", connection);
        var names = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Contains("audit_events", names);
        Assert.Contains("__EFMigrationsHistory", names);
    }

    [Fact]
    public async Task CommittedSqlScript_MatchesTheMigrations()
    {
        var generated = await Migrations().IdempotentScriptAsync(default);
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "migrations", "portal.sql"));

        // The script is regenerated with `./portal migrations script`; a stale copy would let
        // production run an older schema than the code expects.
        Assert.Equal(Normalize(generated), Normalize(committed));
    }

    [Fact]
    public async Task CommittedSqlScript_AppliesToAnEmptyDatabase_AndIsIdempotent()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "migrations", "portal.sql"));
        await using var connection = new NpgsqlConnection(TestStack.DatabaseConnection(_database));
        await connection.OpenAsync();

        for (var run = 0; run < 2; run++)
        {
            await using var apply = new NpgsqlCommand(script, connection);
            await apply.ExecuteNonQueryAsync();
        }

        Assert.Empty(await Migrations().PendingAsync(default));
    }

    private static string Normalize(string sql) => sql.Replace("\r\n", "\n").Trim('\uFEFF', '\n', ' ');

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found");
    }

    private sealed class Factory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
