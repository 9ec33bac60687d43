using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Health;

/// <summary>
/// Health checks run for a request (<c>/health?live=true</c>, and the database check on every call): at most one run
/// of each check is in flight on this replica, and callers that arrive while it runs wait for it and share its result.
/// A flood of anonymous live calls then costs one rule comparison per check duration, not one per request, without a
/// rate limit that would turn a monitor's call into a refusal.
/// </summary>
public sealed class SharedLiveChecks(HealthCheckService health, IOptions<HealthCheckServiceOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HealthReportEntry?>>> _running = new(StringComparer.Ordinal);
    private long _runs;
    private long _joined;

    /// <summary>How many check runs this replica started for requests.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>How many times a caller joined a run already in flight instead of starting one.</summary>
    public long Joined => Interlocked.Read(ref _joined);

    /// <summary>The registered checks' names, in registration order.</summary>
    public IReadOnlyList<string> Names { get; } = options.Value.Registrations.Select(r => r.Name).ToList();

    /// <summary>Runs (or joins the running) checks named; <paramref name="ct"/> stops this caller's wait, not the shared run.</summary>
    public async Task<HealthReport> CheckAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var runs = names.Distinct(StringComparer.Ordinal).Select(name => (Name: name, Run: Join(name))).ToList();
        var entries = new Dictionary<string, HealthReportEntry>(StringComparer.Ordinal);
        foreach (var (name, run) in runs)
        {
            if (await run.WaitAsync(ct) is { } entry)
            {
                entries[name] = entry;
            }
        }

        return new HealthReport(entries, Stopwatch.GetElapsedTime(started));
    }

    private Task<HealthReportEntry?> Join(string name)
    {
        var mine = new Lazy<Task<HealthReportEntry?>>(() => RunAsync(name));
        var current = _running.GetOrAdd(name, mine);
        if (!ReferenceEquals(current, mine))
        {
            Interlocked.Increment(ref _joined);
            return current.Value;
        }

        var run = mine.Value;
        // Only this run's slot: once it is gone, the next caller starts a fresh run.
        _ = run.ContinueWith(_ => _running.TryRemove(new KeyValuePair<string, Lazy<Task<HealthReportEntry?>>>(name, mine)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return run;
    }

    private async Task<HealthReportEntry?> RunAsync(string name)
    {
        Interlocked.Increment(ref _runs);
        // Not a caller's token: the run is every waiting caller's, and each check is bounded by its registered timeout.
        var report = await health.CheckHealthAsync(r => r.Name == name, CancellationToken.None);
        return report.Entries.TryGetValue(name, out var entry) ? entry : null;
    }
}
