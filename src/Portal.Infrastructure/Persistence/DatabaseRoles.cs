using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// What the portal's own database role may do, granted by the role that owns the schema: read and write the
/// rows of every table, but only insert into and read <c>audit_events</c>, and only read the migrations'
/// history. Owning nothing and being no superuser, it can neither disable the audit trigger nor drop a table.
/// Default privileges give tables of later migrations the same rights (audit_events alone is narrowed here).
/// </summary>
public static class DatabaseRoles
{
    /// <summary>The statements, for a role name already quoted as an identifier; the README shows them for production.</summary>
    public static string GrantScript(string appRole) => $"""
        GRANT USAGE ON SCHEMA public TO {appRole};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {appRole};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {appRole};
        REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM {appRole};
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "__EFMigrationsHistory" FROM {appRole};
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {appRole};
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {appRole};
        """;

    /// <summary>
    /// Grants the user of <paramref name="appConnection"/> its rights, connected as the owner; nothing when the
    /// two are the same role (a single-role setup, as in tests that run the stores as the owner).
    /// </summary>
    internal static async Task GrantAsync(PortalDbContext ownerDb, string? appConnection, CancellationToken ct)
    {
        var appRole = appConnection is null ? null : new NpgsqlConnectionStringBuilder(appConnection).Username;
        if (string.IsNullOrEmpty(appRole))
        {
            return;
        }

        var owner = await ownerDb.Database.SqlQueryRaw<string>("SELECT current_user AS \"Value\"").SingleAsync(ct);
        if (owner == appRole)
        {
            return;
        }

        // GRANT takes no parameters: the role goes in as a quoted identifier.
        await ownerDb.Database.ExecuteSqlRawAsync(GrantScript(QuoteIdentifier(appRole)), ct);
    }

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
