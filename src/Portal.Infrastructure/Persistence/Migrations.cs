using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// Applies, lists and scripts the EF Core migrations kept in the Portal.Migrations assembly. With an owner
/// connection configured (<c>ConnectionStrings:PortalOwner</c>) it migrates as that role and then grants the
/// portal's own role (the user of <c>ConnectionStrings:Portal</c>) what it may do; see <see cref="DatabaseRoles"/>.
/// </summary>
public sealed class DatabaseMigrations(IDbContextFactory<PortalDbContext> factory, IConfiguration? configuration = null)
{
    public const string AssemblyName = "Portal.Migrations";

    public const string OwnerConnectionStringName = "PortalOwner";

    public async Task ApplyAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var appConnection = db.Database.GetConnectionString();
        var owner = configuration?.GetConnectionString(OwnerConnectionStringName);
        if (string.IsNullOrWhiteSpace(owner))
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

        db.Database.SetConnectionString(owner);
        await db.Database.MigrateAsync(ct);
        await DatabaseRoles.GrantAsync(db, appConnection, ct);
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
