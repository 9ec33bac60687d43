using Portal.Infrastructure.Cluster;

// In the root namespace so that every store's namespace sees it without a using.
namespace Portal.Infrastructure;

/// <summary>How stores announce a committed change in one line.</summary>
public static class ChangeFeedExtensions
{
    /// <summary>
    /// Fire and forget: the feed stamps this replica and the time. A null feed (a store assembled by hand in a test or a
    /// tool) announces nothing.
    /// </summary>
    public static void Announce(this IChangeFeed? feed, string kind, string key, string actor, object? revision = null, string? detail = null)
    {
        if (feed is not null)
        {
            _ = feed.PublishAsync(new ChangeNotice(kind, key, actor, "", default,
                revision is null ? null : Convert.ToString(revision, System.Globalization.CultureInfo.InvariantCulture), detail));
        }
    }
}
