using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;
using StackExchange.Redis;

namespace Portal.Infrastructure.Health;

internal sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> factory) : TimedHealthCheck
{
    protected override async Task ProbeAsync(Dictionary<string, object> details, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        details["provider"] = "postgresql";
        details["database"] = db.Database.GetDbConnection().Database;
        await db.Database.OpenConnectionAsync(ct);
        var tables = await db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'")
            .SingleAsync(ct);
        details["tables_accessible"] = tables;
    }
}
