using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Portal.Infrastructure.Cluster;

/// <summary>
/// <see cref="IChangeFeed"/> over one Redis pub/sub channel. Local subscribers hear a notice straight from memory, so a
/// save reaches this replica's own pages with Redis down; the copy that comes back from Redis is recognised by this
/// feed's origin id and dropped. Redis being down, slow or lost is a state (<see cref="Connected"/>), never an exception.
/// </summary>
internal sealed class ChangeFeed : BackgroundService, IChangeFeed
{
    /// <summary>Largest message read from or written to the channel: anything bigger is not one of ours.</summary>
    internal const int MaxPayloadBytes = 4096;

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    private readonly Lazy<IConnectionMultiplexer> _redis;
    private readonly ReplicaIdentity _replica;
    private readonly TimeProvider _clock;
    private readonly ILogger<ChangeFeed> _log;
    private readonly RedisChannel _channel;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();

    // Bounded both ways: a burst (an import of thousands of rules) drops the oldest notices rather than growing memory;
    // pages reload what they show anyway, so the newest notice is the one worth keeping.
    private readonly Channel<ChangeNotice> _local = Channel.CreateBounded<ChangeNotice>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Channel<ChangeNotice> _outbound = Channel.CreateBounded<ChangeNotice>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private Subscription[] _subscriptions = [];
    private int _disposed;
    private volatile bool _subscribed;
    private volatile bool _connected;
    private IConnectionMultiplexer? _multiplexer;

    public ChangeFeed(Lazy<IConnectionMultiplexer> redis, ReplicaIdentity replica, IOptions<ChangeFeedOptions> options, TimeProvider clock,
        ILogger<ChangeFeed> log)
    {
        (_redis, _replica, _clock, _log) = (redis, replica, clock, log);
        _channel = RedisChannel.Literal(options.Value.Channel);
    }

    public bool Connected => _connected;

    public event Action<bool>? ConnectedChanged;

    public Task PublishAsync(ChangeNotice notice)
    {
        notice = Stamped(notice).Bounded();
        _local.Writer.TryWrite(notice);
        _outbound.Writer.TryWrite(notice);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<ChangeNotice, Task> handler)
    {
        var subscription = new Subscription(this, handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    /// <summary>A notice built by a store leaves replica and time empty: this replica, now.</summary>
    private ChangeNotice Stamped(ChangeNotice notice) => notice with
    {
        Replica = string.IsNullOrEmpty(notice.Replica) ? _replica.Name : notice.Replica,
        At = notice.At == default ? _clock.GetUtcNow() : notice.At,
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopping.Token).Token;
        return Task.WhenAll(
            Task.Run(() => DeliverAsync(stop), CancellationToken.None),
            Task.Run(() => SendAsync(stop), CancellationToken.None),
            Task.Run(() => WatchAsync(stop), CancellationToken.None));
    }

    public override void Dispose()
    {
        // The container disposes this once per registration (the feed, the interface, the hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        if (_multiplexer is { } multiplexer)
        {
            multiplexer.ConnectionFailed -= OnConnectionChanged;
            multiplexer.ConnectionRestored -= OnConnectionChanged;
        }

        base.Dispose();
        _stopping.Dispose();
    }

    private async Task DeliverAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var notice in _local.Reader.ReadAllAsync(ct))
            {
                foreach (var subscription in Volatile.Read(ref _subscriptions))
                {
                    subscription.Offer(notice);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }


    private async Task SendAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var notice in _outbound.Reader.ReadAllAsync(ct))
            {
                if (!_connected || _multiplexer is not { } multiplexer)
                {
                    // Not queued for later: a notice delivered minutes late would say "changed" about an old change;
                    // the pages elsewhere say live updates are paused instead.
                    continue;
                }

                var payload = Serialize(notice);
                if (payload is null)
                {
                    continue;
                }

                try
                {
                    await multiplexer.GetSubscriber().PublishAsync(_channel, payload).WaitAsync(PublishTimeout, ct);
                }
                catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
                {
                    _log.LogInformation("A change notice ({Kind} {Key}) was not sent to the other replicas: {Reason}", notice.Kind, notice.Key, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Connects (in the background: the Lazy may wait for a Redis that is down), subscribes, and keeps
    /// <see cref="Connected"/> true to the multiplexer's state. StackExchange.Redis subscribes again by itself after a
    /// reconnect (ChangeFeedTests shows it); this loop covers a first subscription that failed while Redis was down.
    /// </summary>
    private async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Recheck);
        do
        {
            try
            {
                if (_multiplexer is null)
                {
                    var multiplexer = _redis.Value;
                    multiplexer.ConnectionFailed += OnConnectionChanged;
                    multiplexer.ConnectionRestored += OnConnectionChanged;
                    _multiplexer = multiplexer;
                }

                if (!_subscribed && _multiplexer.IsConnected)
                {
                    await _multiplexer.GetSubscriber().SubscribeAsync(_channel, OnMessage).WaitAsync(PublishTimeout, ct);
                    _subscribed = true;
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or ArgumentException)
            {
                // ArgumentException: a Redis configuration string that does not parse; the cache says so too, the pages say "paused".
                _log.LogDebug("The change feed is not subscribed yet: {Reason}", e.Message);
            }

            Update();
        }
        while (await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void OnConnectionChanged(object? sender, ConnectionFailedEventArgs e) => Update();

    private void Update()
    {
        var connected = _subscribed && _multiplexer?.IsConnected == true;
        if (connected == _connected)
        {
            return;
        }

        _connected = connected;
        _log.LogInformation("Change feed connected to Redis: {Connected} (while false, pages here miss other replicas' changes)", connected);
        var changed = ConnectedChanged;
        if (changed is not null)
        {
            // Off the Redis client's threads: a page's handler must not hold up its reconnection.
            _ = Task.Run(() =>
            {
                foreach (var handler in changed.GetInvocationList().Cast<Action<bool>>())
                {
                    try
                    {
                        handler(connected);
                    }
                    catch (Exception e)
                    {
                        _log.LogWarning(e, "A change-feed connection subscriber failed");
                    }
                }
            }, CancellationToken.None);
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        if (Parse(value, _origin) is { } notice)
        {
            _local.Writer.TryWrite(notice);
        }
    }

    private byte[]? Serialize(ChangeNotice notice)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Wire(_origin, notice.Kind, notice.Key, notice.Actor, notice.Replica, notice.At, notice.Revision, notice.Detail));
        if (bytes.Length <= MaxPayloadBytes)
        {
            return bytes;
        }

        // Only the detail can make it this big (every other field is cut to MaxField): send the notice without it.
        bytes = JsonSerializer.SerializeToUtf8Bytes(new Wire(_origin, notice.Kind, notice.Key, notice.Actor, notice.Replica, notice.At, notice.Revision, null));
        return bytes.Length <= MaxPayloadBytes ? bytes : null;
    }

    /// <summary>A notice from the channel, or null for one of our own, one too big, or anything that is not a notice.</summary>
    internal static ChangeNotice? Parse(RedisValue value, string? ownOrigin)
    {
        if (!value.HasValue || value.IsNullOrEmpty)
        {
            return null;
        }

        byte[] bytes = value!;
        if (bytes.Length > MaxPayloadBytes)
        {
            return null;
        }

        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(bytes);
        }
        catch (JsonException)
        {
            return null;
        }

        if (wire is not { O: { } origin, K: { Length: > 0 } kind, Id: { } key, A: { } actor, R: { } replica } || origin == ownOrigin)
        {
            return null;
        }

        return new ChangeNotice(kind, key, actor, replica, wire.T, wire.V, wire.D).Bounded();
    }

    /// <summary>The JSON on the channel; short names keep a notice far below the size limit.</summary>
    private sealed record Wire(string? O, string? K, string? Id, string? A, string? R, DateTimeOffset T, string? V, string? D);

    /// <summary>
    /// One subscriber with a queue of its own, read in order on its own task: a page whose renderer is busy (or a handler
    /// that throws) delays and loses nothing but its own notices; a subscriber that falls far behind loses its oldest.
    /// </summary>
    private sealed class Subscription : IDisposable
    {
        private readonly ChangeFeed _feed;
        private readonly Func<ChangeNotice, Task> _handler;
        private readonly Channel<ChangeNotice> _queue = Channel.CreateBounded<ChangeNotice>(
            new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        private int _disposed;

        public Subscription(ChangeFeed feed, Func<ChangeNotice, Task> handler)
        {
            (_feed, _handler) = (feed, handler);
            _ = Task.Run(RunAsync);
        }

        public void Offer(ChangeNotice notice) => _queue.Writer.TryWrite(notice);

        private async Task RunAsync()
        {
            await foreach (var notice in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    await _handler(notice);
                }
                catch (Exception e)
                {
                    // A subscriber's bug (a page that went away mid-render, say) is its own; its next notice still comes.
                    _feed._log.LogWarning(e, "A change-notice subscriber failed on {Kind} {Key}", notice.Kind, notice.Key);
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _feed.Unsubscribe(this);
                _queue.Writer.TryComplete();
            }
        }
    }
}
