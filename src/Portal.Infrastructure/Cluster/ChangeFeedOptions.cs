namespace Portal.Infrastructure.Cluster;

/// <summary>Where the replicas tell each other about changes (configuration section <c>Cluster:ChangeFeed</c>).</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "Cluster:ChangeFeed";

    /// <summary>
    /// The one Redis pub/sub channel every replica publishes to and listens on. Two portals sharing a Redis server
    /// (staging and production, say) give theirs different names, or each would hear the other's changes.
    /// </summary>
    public string Channel { get; set; } = "portal:changes";
}
