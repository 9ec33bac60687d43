using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Infrastructure.Cluster;

/// <summary>
/// One background service's side of leadership: keeps the lease while it lives, takes it when free, and runs the
/// service's round only on the replica that leads. Used from a single loop; not for concurrent callers.
/// </summary>
public sealed class LeaderJob(ILeaderLocks locks, string job, TimeProvider clock, ILogger log) : IAsyncDisposable
{
    private ILeaderLease? _lease;
    private DateTimeOffset? _lastRound;

    public string Job => job;

    /// <summary>Whether this replica held the lead at the last look (a lost connection shows at the next).</summary>
    public bool Leading => _lease is { Lost.IsCancellationRequested: false };

    /// <summary>The tick a service should wake at: its own period, or the retry interval when that is shorter.</summary>
    public static TimeSpan Tick(TimeSpan period, LeaderOptions options) => period < options.RetryEvery ? period : options.RetryEvery;

    /// <summary>The live lease, taking it if no replica holds it; null while another replica leads (or PostgreSQL is away).</summary>
    public async Task<ILeaderLease?> LeadAsync(CancellationToken ct)
    {
        if (_lease is { Lost.IsCancellationRequested: true })
        {
            await _lease.DisposeAsync();
            _lease = null;
            _lastRound = null;
        }

        if (_lease is null)
        {
            try
            {
                _lease = await locks.TryAcquireAsync(job, ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                log.LogWarning("Could not ask PostgreSQL who leads {Job}: {Reason}; trying again next period", job, e.Message);
            }
        }

        return _lease;
    }

    /// <summary>
    /// Runs <paramref name="round"/> when this replica leads and <paramref name="period"/> has passed since its last
    /// round as leader (at once after taking over). The round's token also fires when leadership is lost.
    /// Returns whether a round ran.
    /// </summary>
    public async Task<bool> RunIfLeaderAsync(TimeSpan period, Func<CancellationToken, Task> round, CancellationToken ct)
    {
        var lease = await LeadAsync(ct);
        var now = clock.GetUtcNow();
        // A little slack so a round that is due on this tick is not pushed a whole tick later by timer jitter.
        if (lease is null || (_lastRound is { } last && now - last < period - TimeSpan.FromMilliseconds(period.TotalMilliseconds / 20)))
        {
            return false;
        }

        _lastRound = now;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        try
        {
            await round(linked.Token);
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            log.LogWarning("The {Job} round stopped: this replica no longer leads it", job);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
            _lease = null;
        }
    }
}
