using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Unit.Fakes;

/// <summary>A change feed a test drives by hand: what it publishes reaches the subscribers at once, on the test's thread.</summary>
internal sealed class FakeChangeFeed : IChangeFeed
{
    private readonly List<Func<ChangeNotice, Task>> _handlers = [];
    private bool _connected = true;

    public bool Connected => _connected;

    public event Action<bool>? ConnectedChanged;

    public List<ChangeNotice> Published { get; } = [];

    public async Task PublishAsync(ChangeNotice notice)
    {
        Published.Add(notice);
        foreach (var handler in _handlers.ToList())
        {
            await handler(notice);
        }
    }

    public IDisposable Subscribe(Func<ChangeNotice, Task> handler)
    {
        _handlers.Add(handler);
        return new Unsubscriber(() => _handlers.Remove(handler));
    }

    public int Subscribers => _handlers.Count;

    public void SetConnected(bool connected)
    {
        _connected = connected;
        ConnectedChanged?.Invoke(connected);
    }

    private sealed class Unsubscriber(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
