using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Integration.Cluster;

/// <summary>Leadership by advisory lock, on a database of the class's own so no running portal holds the jobs.</summary>
public sealed class LeaderLockTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestStack.CreateDatabaseAsync("leaders");

    public Task DisposeAsync() => TestStack.DropDatabaseAsync(_database);

    internal static LeaderLocks Replica(string database, string name) =>
        new(TestStack.AppConnection(database), new ReplicaIdentity(Options.Create(new ClusterOptions { ReplicaName = name }), TimeProvider.System),
            Options.Create(new LeaderOptions { CheckEvery = TimeSpan.FromMilliseconds(200), RetryEvery = TimeSpan.FromMilliseconds(200) }),
            TimeProvider.System, NullLogger<LeaderLocks>.Instance);

    [Fact]
    public async Task TwoReplicas_TryTheSameJob_OnlyOneLeads()
    {
        var a = Replica(_database, "replica-a");
        var b = Replica(_database, "replica-b");

        await using var first = await a.TryAcquireAsync(LeaderJobs.Noise, default);
        var second = await b.TryAcquireAsync(LeaderJobs.Noise, default);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal([LeaderJobs.Noise], a.Held);
        Assert.Empty(b.Held);
        Assert.Equal([new JobLeader(LeaderJobs.Noise, "replica-a")], await b.LeadersAsync(default));
    }

    [Fact]
    public async Task DifferentJobs_HaveDifferentLocks()
    {
        var a = Replica(_database, "replica-a");
        var b = Replica(_database, "replica-b");

        await using var noise = await a.TryAcquireAsync(LeaderJobs.Noise, default);
        await using var links = await b.TryAcquireAsync(LeaderJobs.RunbookLinks, default);

        Assert.NotNull(noise);
        Assert.NotNull(links);
        Assert.Equal([new JobLeader(LeaderJobs.Noise, "replica-a"), new JobLeader(LeaderJobs.RunbookLinks, "replica-b")], await a.LeadersAsync(default));
    }

    [Fact]
    public async Task TheLeaderLetsGo_TheOtherReplicaLeadsOnItsNextTry()
    {
        var a = Replica(_database, "replica-a");
        var b = Replica(_database, "replica-b");
        var first = await a.TryAcquireAsync(LeaderJobs.PublishingMonitor, default);
        Assert.NotNull(first);
        Assert.Null(await b.TryAcquireAsync(LeaderJobs.PublishingMonitor, default));

        await first.DisposeAsync();
        await using var second = await b.TryAcquireAsync(LeaderJobs.PublishingMonitor, default);

        Assert.NotNull(second);
        Assert.Empty(a.Held);
        Assert.Equal([LeaderJobs.PublishingMonitor], b.Held);
        Assert.False(second.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task TheLeadersConnectionIsKilled_ItsLeaseSaysLost_AndTheOtherReplicaLeads()
    {
        var a = Replica(_database, "replica-a");
        var b = Replica(_database, "replica-b");
        await using var first = await a.TryAcquireAsync(LeaderJobs.PublishingMonitor, default);
        Assert.NotNull(first);
        var lost = new TaskCompletionSource();
        using var registration = first.Lost.Register(() => lost.TrySetResult());

        // What PostgreSQL sees when a replica's process dies: its session ends.
        await using (var owner = new NpgsqlConnection(TestStack.DatabaseConnection(_database)))
        {
            await owner.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", owner);
            kill.Parameters.AddWithValue("pid", ((LeaderLease)first).BackendPid);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        await lost.Task.WaitAsync(Patience);
        Assert.Empty(a.Held);
        var deadline = DateTime.UtcNow + Patience;
        ILeaderLease? second = null;
        while (second is null && DateTime.UtcNow < deadline)
        {
            second = await b.TryAcquireAsync(LeaderJobs.PublishingMonitor, default);
            await Task.Delay(second is null ? 100 : 0);
        }

        Assert.NotNull(second);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task LeaderJob_RunsItsRoundOnlyWhileLeading_AndAgainAfterTakingOver()
    {
        var a = Replica(_database, "replica-a");
        var b = Replica(_database, "replica-b");
        await using var jobA = new LeaderJob(a, LeaderJobs.Noise, TimeProvider.System, NullLogger.Instance);
        await using var jobB = new LeaderJob(b, LeaderJobs.Noise, TimeProvider.System, NullLogger.Instance);
        var rounds = new List<string>();

        Assert.True(await jobA.RunIfLeaderAsync(TimeSpan.FromHours(1), _ => { rounds.Add("a"); return Task.CompletedTask; }, default));
        Assert.False(await jobB.RunIfLeaderAsync(TimeSpan.FromHours(1), _ => { rounds.Add("b"); return Task.CompletedTask; }, default));
        // Not due yet on the leader either: its period is an hour.
        Assert.False(await jobA.RunIfLeaderAsync(TimeSpan.FromHours(1), _ => { rounds.Add("a"); return Task.CompletedTask; }, default));
        await jobA.DisposeAsync();
        Assert.True(await jobB.RunIfLeaderAsync(TimeSpan.FromHours(1), _ => { rounds.Add("b"); return Task.CompletedTask; }, default));

        Assert.Equal(["a", "b"], rounds);
        Assert.True(jobB.Leading);
    }

    [Fact]
    public void Keys_AreStablePerName_AndDistinct()
    {
        // Pinned: a key that changed between versions would let an old and a new replica both lead during a rolling upgrade.
        Assert.Equal(LeaderJobs.Key("noise"), LeaderJobs.Key("noise"));
        Assert.Equal(LeaderJobs.All.Count, LeaderJobs.All.Select(LeaderJobs.Key).Distinct().Count());
        Assert.Equal(BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData("portal.leader/noise"u8.ToArray()).Take(8).Reverse().ToArray()), LeaderJobs.Key("noise"));
    }
}
