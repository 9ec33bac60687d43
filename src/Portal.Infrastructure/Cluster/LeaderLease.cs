using Npgsql;

namespace Portal.Infrastructure.Cluster;

/// <summary>
/// A held advisory lock and the connection it lives on. The connection is used by nothing else; a background loop
/// asks it a trivial question every few seconds, and the first failure means the session (and with it the lock) may
/// be gone, so <see cref="Lost"/> fires.
/// </summary>
internal sealed class LeaderLease : ILeaderLease
{
    private readonly LeaderLocks _owner;
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _checking = Task.CompletedTask;
    private int _disposed;

    public LeaderLease(LeaderLocks owner, string job, NpgsqlConnection connection)
    {
        _owner = owner;
        Job = job;
        _connection = connection;
        BackendPid = connection.ProcessID;
    }

    public string Job { get; }

    public CancellationToken Lost => _lost.Token;

    /// <summary>The PostgreSQL backend holding the lock (tests terminate it to play a dying replica).</summary>
    internal int BackendPid { get; }

    internal void StartChecking(TimeSpan every, TimeProvider clock) => _checking = CheckAsync(every, clock, _stop.Token);

    private async Task CheckAsync(TimeSpan every, TimeProvider clock, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(every, clock);
            while (await timer.WaitForNextTickAsync(stop))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                await ping.ExecuteScalarAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            // Broken, closed or timed out: whether PostgreSQL still holds the lock is unknowable from here; assume not.
        }

        _owner.Forget(this, lost: true);
        await _lost.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _checking;
        _owner.Forget(this, lost: false);
        try
        {
            if (!_lost.IsCancellationRequested)
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                release.Parameters.AddWithValue("key", LeaderJobs.Key(Job));
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Closing the connection below ends the session, which frees the lock just the same.
        }
        finally
        {
            // _lost stays undisposed: a round may still read the token; it holds no timer.
            await _connection.DisposeAsync();
            _stop.Dispose();
        }
    }
}
