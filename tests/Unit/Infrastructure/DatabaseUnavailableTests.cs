using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Unit.Infrastructure;

/// <summary>Which database failures are an outage (503, "try again") and which are the server's answer to this request.</summary>
public class DatabaseUnavailableTests
{
    private static PostgresException Server(string state) => new("message", "FATAL", "FATAL", state);

    [Theory]
    [InlineData("57P01")] // admin_shutdown: pg_ctl stop -m fast, pg_terminate_backend
    [InlineData("57P03")] // cannot_connect_now: still starting up
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    public void AServerGoingAwayOrNotReady_IsUnavailable_HoweverWrapped(string state)
    {
        Assert.True(DatabaseUnavailable.Is(Server(state)));
        Assert.True(DatabaseUnavailable.Is(new DbUpdateException("saving", Server(state))));
        Assert.True(DatabaseUnavailable.Is(new InvalidOperationException("transient", new DbUpdateException("saving", Server(state)))));
    }

    [Fact]
    public void NoAnswerAtAll_IsUnavailable()
    {
        Assert.True(DatabaseUnavailable.Is(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.True(DatabaseUnavailable.Is(new DbUpdateException("saving", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))));
    }

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("42501")] // insufficient_privilege
    [InlineData("40001")] // serialization_failure: answered, the request itself lost
    public void TheServersRefusal_IsNotAnOutage(string state)
    {
        Assert.False(DatabaseUnavailable.Is(new DbUpdateException("saving", Server(state))));
    }

    [Fact]
    public void OtherFailures_AreNotAnOutage()
    {
        Assert.False(DatabaseUnavailable.Is(null));
        Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("a bug")));
        Assert.False(DatabaseUnavailable.Is(new DbUpdateConcurrencyException("someone else saved")));
    }
}
