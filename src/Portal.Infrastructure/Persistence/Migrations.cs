using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Persistence;

/// <summary>Applies, lists and scripts the EF Core migrations kept in the Portal.Migrations assembly.</summary>
public sealed class DatabaseMigrations(IDbContextFactory<PortalDbContext> factory)
{
    public const string AssemblyName = "Portal.Migrations";

    public async Task ApplyAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return db.Database.GetMigrations().ToList();
    }

    /// <summary>The idempotent SQL script that production applies before the app starts.</summary>
    public async Task<string> IdempotentScriptAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var migrator = db.GetService<IMigrator>();
        return migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }
}
