using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Cluster;

/// <summary>Who this process is among the replicas: fixed for its lifetime.</summary>
public sealed class ReplicaIdentity
{
    public ReplicaIdentity(IOptions<ClusterOptions> options, TimeProvider clock)
    {
        var configured = options.Value.ReplicaName.Trim();
        Name = configured.Length > 0 ? configured : $"{Environment.MachineName}-{Environment.ProcessId}";
        Url = options.Value.ReplicaUrl;
        StartedAt = clock.GetUtcNow();
    }

    public string Name { get; }

    public string? Url { get; }

    public DateTimeOffset StartedAt { get; }
}
