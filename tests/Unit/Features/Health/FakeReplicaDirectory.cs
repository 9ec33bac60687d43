using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Unit.Features.Health;

/// <summary>A replica directory that answers with whatever the test put in it, or fails as told.</summary>
internal sealed class FakeReplicaDirectory : IReplicaDirectory
{
    public IReadOnlyList<ReplicaInfo> Replicas { get; set; } = [];

    public Exception? Failure { get; set; }

    public TimeSpan? AskedWindow { get; private set; }

    public Task<IReadOnlyList<ReplicaInfo>> RecentAsync(TimeSpan window, CancellationToken ct)
    {
        AskedWindow = window;
        return Failure is { } failure ? Task.FromException<IReadOnlyList<ReplicaInfo>>(failure) : Task.FromResult(Replicas);
    }
}
