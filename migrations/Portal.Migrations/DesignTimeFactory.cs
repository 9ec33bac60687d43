using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portal.Infrastructure.Persistence;

namespace Portal.Migrations;

/// <summary>Lets `dotnet ef` build the context without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
            ?? "Host=127.0.0.1;Port=55432;Username=portal;Password=portal;Database=portal";
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connection, npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName))
            .Options;
        return new PortalDbContext(options);
    }
}
