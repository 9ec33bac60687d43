using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Portal.Infrastructure.Cluster;

/// <summary>
/// Which replica runs a cluster-wide background job: the one holding the job's PostgreSQL session advisory lock.
/// The lock lives as long as one dedicated connection, so a replica that dies (process killed, host gone) frees it
/// when PostgreSQL notices the closed connection, and another replica's next try takes over.
/// </summary>
public interface ILeaderLocks
{
    /// <summary>Leadership of <paramref name="job"/> if no replica holds it; null when another does.</summary>
    Task<ILeaderLease?> TryAcquireAsync(string job, CancellationToken ct);

    /// <summary>The jobs this replica leads now.</summary>
    IReadOnlyCollection<string> Held { get; }

    /// <summary>
    /// Who leads each known job across the cluster, read from <c>pg_locks</c> (for the Health page: "leads: ...").
    /// A job nobody leads is absent.
    /// </summary>
    Task<IReadOnlyList<JobLeader>> LeadersAsync(CancellationToken ct);
}

/// <summary>Leadership of one job, held until disposed or until <see cref="Lost"/> fires.</summary>
public interface ILeaderLease : IAsyncDisposable
{
    string Job { get; }

    /// <summary>Fires when the lock's connection breaks: another replica may lead from then on, so stop writing.</summary>
    CancellationToken Lost { get; }
}

/// <summary>One job and the replica that leads it.</summary>
public sealed record JobLeader(string Job, string Replica);

/// <summary>How leadership is checked; section <c>Cluster:Leaders</c>.</summary>
public sealed class LeaderOptions
{
    public const string Section = "Cluster:Leaders";

    /// <summary>How often a leader checks that its lock connection still lives (one cheap query).</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a replica that does not lead tries again, for jobs whose own period is longer: a dead leader of a
    /// six-hourly job is replaced within this, not within six hours.
    /// </summary>
    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>The cluster-wide jobs by name: the names are logged, shown on the Health page and hashed into lock keys.</summary>
public static class LeaderJobs
{
    public const string PublishingMonitor = "publishing monitor";
    public const string Noise = "noise";
    public const string RunbookLinks = "runbook links";

    public static readonly IReadOnlyList<string> All = [PublishingMonitor, Noise, RunbookLinks];

    /// <summary>
    /// The job's advisory lock key: the first 8 bytes (big-endian) of SHA-256 of "portal.leader/" + the name. Stable
    /// across versions and replicas (never derive it from string.GetHashCode, which changes per process), and the
    /// prefix keeps it apart from the portal's other advisory locks, which use small hand-picked numbers.
    /// </summary>
    public static long Key(string job) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("portal.leader/" + job)));
}

internal sealed class LeaderLocks : ILeaderLocks, IAsyncDisposable
{
    /// <summary>The lock connections' application_name starts with this, followed by the replica's name.</summary>
    internal const string ApplicationPrefix = "portal-leader ";

    // Named: an unnamed data source labels Npgsql's metrics with the connection string (host, user) on the anonymous /metrics.
    private readonly NpgsqlDataSource _locks;
    private readonly NpgsqlDataSource _reads;
    private readonly ReplicaIdentity _replica;
    private readonly LeaderOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LeaderLocks> _log;
    private readonly ConcurrentDictionary<string, LeaderLease> _held = new(StringComparer.Ordinal);

    public LeaderLocks(string connectionString, ReplicaIdentity replica, IOptions<LeaderOptions> options, TimeProvider clock, ILogger<LeaderLocks> log)
    {
        _replica = replica;
        _options = options.Value;
        _clock = clock;
        _log = log;
        var name = ApplicationPrefix + replica.Name;
        var locks = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Unpooled: closing must end the PostgreSQL session, which is what frees a session lock.
            Pooling = false,
            ApplicationName = name.Length > 63 ? name[..63] : name,
            Timeout = 5,
            CommandTimeout = 5,
            // A half-open TCP connection (the database host vanished) is noticed by the check's command timeout.
            KeepAlive = 10,
        };
        _locks = new NpgsqlDataSourceBuilder(locks.ConnectionString) { Name = "portal-leader" }.Build();
        _reads = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(locks.ConnectionString) { Pooling = true, ApplicationName = "portal" }.ConnectionString)
            { Name = "portal-leader-reads" }.Build();
    }

    public IReadOnlyCollection<string> Held => _held.Keys.ToList();

    public async ValueTask DisposeAsync()
    {
        await _locks.DisposeAsync();
        await _reads.DisposeAsync();
    }

    public async Task<ILeaderLease?> TryAcquireAsync(string job, CancellationToken ct)
    {
        if (_held.ContainsKey(job))
        {
            // Session locks are re-entrant within a session but not across our connections: be explicit instead.
            throw new InvalidOperationException($"This replica already leads \"{job}\"; dispose that lease first.");
        }

        var connection = _locks.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", LeaderJobs.Key(job));
            if (await take.ExecuteScalarAsync(ct) is not true)
            {
                await connection.DisposeAsync();
                return null;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        var lease = new LeaderLease(this, job, connection);
        _held[job] = lease;
        _log.LogInformation("Replica {Replica} now leads {Job}", _replica.Name, job);
        lease.StartChecking(_options.CheckEvery, _clock);
        return lease;
    }

    public async Task<IReadOnlyList<JobLeader>> LeadersAsync(CancellationToken ct)
    {
        var jobs = LeaderJobs.All.ToDictionary(LeaderJobs.Key);
        await using var connection = _reads.CreateConnection();
        await connection.OpenAsync(ct);
        // A bigint advisory key is stored as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
        await using var read = new NpgsqlCommand(
            """
            SELECT (l.classid::bigint << 32) | l.objid::bigint, a.application_name
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        var leaders = new List<JobLeader>();
        await using var rows = await read.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var application = rows.IsDBNull(1) ? "" : rows.GetString(1);
            if (jobs.TryGetValue(rows.GetInt64(0), out var job) && application.StartsWith(ApplicationPrefix, StringComparison.Ordinal))
            {
                leaders.Add(new JobLeader(job, application[ApplicationPrefix.Length..]));
            }
        }

        return leaders.OrderBy(l => l.Job, StringComparer.Ordinal).ToList();
    }

    internal void Forget(LeaderLease lease, bool lost)
    {
        if (_held.TryRemove(new KeyValuePair<string, LeaderLease>(lease.Job, lease)))
        {
            if (lost)
            {
                _log.LogWarning("Replica {Replica} lost the lead of {Job}: its lock connection broke", _replica.Name, lease.Job);
            }
            else
            {
                _log.LogInformation("Replica {Replica} gave up the lead of {Job}", _replica.Name, lease.Job);
            }
        }
    }
}
