using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Unit.Features.Health;

/// <summary>Leader locks that report whatever leaders the test put in, or fail as told; never grant a lease.</summary>
internal sealed class FakeLeaderLocks : ILeaderLocks
{
    public IReadOnlyList<JobLeader> Leaders { get; set; } = [];

    public Exception? Failure { get; set; }

    public IReadOnlyCollection<string> Held => [];

    public Task<ILeaderLease?> TryAcquireAsync(string job, CancellationToken ct) => Task.FromResult<ILeaderLease?>(null);

    public Task<IReadOnlyList<JobLeader>> LeadersAsync(CancellationToken ct) =>
        Failure is { } failure ? Task.FromException<IReadOnlyList<JobLeader>>(failure) : Task.FromResult(Leaders);
}
