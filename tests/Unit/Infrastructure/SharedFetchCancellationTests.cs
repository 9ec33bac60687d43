using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Queries;
using Portal.Infrastructure.Caching;
using Portal.Infrastructure.Prometheus;
using StackExchange.Redis;

namespace Portal.Tests.Unit.Infrastructure;

/// <summary>
/// A range query that nobody waits for any more is cancelled at Prometheus: the cache shares one upstream
/// fetch among identical requests, and only the last of them leaving may stop it.
/// </summary>
public class SharedFetchCancellationTests
{
    /// <summary>A Prometheus whose range queries run until they are cancelled, and say so.</summary>
    private sealed class HangingPrometheus : IPrometheus
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls;

        public Uri BaseAddress { get; } = new("http://prometheus.invalid/");

        public async Task<RangeResult> QueryRangeAsync(string query, RangePlan plan, int maxSeries, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                if (ct.IsCancellationRequested)
                {
                    Cancelled.TrySetResult();
                }
            }

            throw new InvalidOperationException("unreachable");
        }

        public Task<PrometheusBuildInfo> BuildInfoAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<InstantSample>> QueryAsync(string query, DateTimeOffset? at, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyDictionary<string, string>> MetricTypesAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(IReadOnlyList<string> match, DateTimeOffset start, DateTimeOffset end, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<string>> LabelValuesAsync(string label, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<LoadedRuleGroup>> RulesAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<ActiveAlert>> AlertsAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<RuntimeInfo> RuntimeInfoAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task ReloadAsync(CancellationToken ct) => throw new NotSupportedException();
    }

    // Only so that a regression fails instead of hanging the run.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    // One per test, as the portal has one per process: two caches of a test share their fetches.
    private readonly RangeFetches _fetches = new();

    private QueryCache Cache(IPrometheus prometheus) => new(prometheus,
        new Lazy<IConnectionMultiplexer>(() => throw new InvalidOperationException("recent ranges are never cached, so Redis is not asked")),
        _fetches, new RangeMemory(Microsoft.Extensions.Options.Options.Create(new RedisOptions())), TimeProvider.System,
        Microsoft.Extensions.Options.Options.Create(new PrometheusOptions()), NullLogger<QueryCache>.Instance);

    // The last two minutes: never cached, so nothing but the upstream fetch is involved.
    private static RangePlan Recent() => RangePlan.Choose(DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5)).Plan!;

    [Fact]
    public async Task TheOnlyWaiterLeaving_CancelsTheUpstreamQuery()
    {
        var prometheus = new HangingPrometheus();
        using var leave = new CancellationTokenSource();
        var asking = Cache(prometheus).QueryRangeAsync("up" + Guid.NewGuid().ToString("N"), Recent(), 10, leave.Token);
        await prometheus.Started.Task.WaitAsync(Guard);

        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);
        await prometheus.Cancelled.Task.WaitAsync(Guard);
    }

    [Fact]
    public async Task OneOfTwoWaitersLeaving_LeavesTheQueryToTheOther_UntilItLeavesToo()
    {
        var prometheus = new HangingPrometheus();
        var (query, plan) = ("up" + Guid.NewGuid().ToString("N"), Recent());
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var one = Cache(prometheus).QueryRangeAsync(query, plan, 10, first.Token);
        await prometheus.Started.Task.WaitAsync(Guard);
        var two = Cache(prometheus).QueryRangeAsync(query, plan, 10, second.Token);

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one);

        Assert.False(prometheus.Cancelled.Task.IsCompleted);
        Assert.Equal(1, prometheus.Calls);
        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => two);
        await prometheus.Cancelled.Task.WaitAsync(Guard);
    }
}
