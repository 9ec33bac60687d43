namespace Portal.Infrastructure.Cluster;

/// <summary>How this process takes part in a group of portal replicas sharing one database and one Redis.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// This replica's name in <c>/health</c>, on the Health page, in change notices and in logs. Empty: the host
    /// name and process id, which are unique but say nothing; <c>./portal up --replicas N</c> names them replica-1..N.
    /// </summary>
    public string ReplicaName { get; set; } = "";

    /// <summary>The address this replica answers on directly (not the load balancer's), shown on the Health page.</summary>
    public string? ReplicaUrl { get; set; }
}
