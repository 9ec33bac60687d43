namespace Portal.Infrastructure.Cluster;

/// <summary>
/// Changes saved on any replica, told to every open page that listens. Delivery is best effort: a page that must be
/// right reloads from the database; a missed notice only means it learns later (when the user refreshes).
/// </summary>
public interface IChangeFeed
{
    /// <summary>
    /// Tells this replica's subscribers at once, and the other replicas through Redis when it is reachable. Never throws
    /// and never waits for Redis: a save that has committed must not fail or stall because the notice could not go out.
    /// </summary>
    Task PublishAsync(ChangeNotice notice);

    /// <summary>
    /// Calls <paramref name="handler"/> for every notice, this replica's own and the others', off the publisher's thread;
    /// a handler that throws or is slow does not hold up the others. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Func<ChangeNotice, Task> handler);

    /// <summary>True while notices from other replicas can arrive (subscribed on a connected Redis).</summary>
    bool Connected { get; }

    /// <summary>Raised (off any page's thread) when <see cref="Connected"/> changes.</summary>
    event Action<bool>? ConnectedChanged;
}
