using Npgsql;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// Tells "PostgreSQL could not be reached or went away" (a restart, a failover, a network cut, a full connection
/// table) from every other database error. Such a failure says nothing about the request: the same request a moment
/// later may well succeed, so the API answers 503 and pages say "try again" rather than treating it as a bug.
/// Stores do not retry writes themselves: a commit whose answer was lost may have landed, and only the caller, who
/// holds the version it read, can safely try again (a second attempt with the old version is a conflict, not a
/// duplicate).
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Whether <paramref name="error"/>, or an exception it wraps (EF and the execution strategy wrap them), is such a failure.</summary>
    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException server when Lost(server.SqlState):
                    return true;
                case PostgresException:
                    // The server answered and refused: a constraint, a permission, a bug. Not an outage.
                    return false;
                case NpgsqlException:
                    // No answer from a server at all: refused connection, broken stream, timeout.
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// SQLSTATE classes of a server that is going away or not ready: 08 (connection exception), 57P (shutdown:
    /// admin_shutdown, crash_shutdown, cannot_connect_now), 53300 (too many connections).
    /// </summary>
    private static bool Lost(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) || state == "53300";
}
