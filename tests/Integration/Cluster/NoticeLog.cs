using System.Collections.Concurrent;
using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Integration.Cluster;

/// <summary>Every notice a feed delivered, with when it arrived, for tests to wait on and count.</summary>
internal sealed class NoticeLog : IDisposable
{
    private readonly ConcurrentQueue<ChangeNotice> _received = new();
    private readonly IDisposable _subscription;

    public NoticeLog(IChangeFeed feed) => _subscription = feed.Subscribe(notice =>
    {
        _received.Enqueue(notice);
        return Task.CompletedTask;
    });

    public IReadOnlyList<ChangeNotice> All => _received.ToList();

    public async Task<ChangeNotice> FirstAsync(Func<ChangeNotice, bool> match, TimeSpan patience)
    {
        ChangeNotice? found = null;
        await Eventually.UntilAsync(() => (found = _received.FirstOrDefault(match)) is not null, patience,
            () => $"no matching notice within {patience.TotalSeconds:0} s; received: {string.Join(", ", All.Select(n => $"{n.Kind} {n.Key}"))}",
            TimeSpan.FromMilliseconds(10));
        return found!;
    }

    public void Dispose() => _subscription.Dispose();
}
