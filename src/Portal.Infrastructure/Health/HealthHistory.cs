using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Infrastructure.Health;

/// <summary>
/// The last hour of health check results, filled every 15 s by ASP.NET's health check publisher, so
/// the health page shows a history the moment it opens instead of starting from an empty chart. It also keeps the
/// latest result of each check, which /health serves instead of repeating a costly check on every poll.
/// Every replica keeps its own: it is this process's view of its dependencies (can *this* replica reach the
/// database, Redis, Prometheus?), held in memory and written nowhere, so running it on each replica is both safe
/// and what a load balancer asking each replica needs.
/// </summary>
public sealed class HealthHistory : IHealthCheckPublisher
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);
    private const int Capacity = 240;
    private readonly Lock _gate = new();
    private readonly Queue<HealthSample> _samples = new();
    private readonly Dictionary<string, CheckedEntry> _latest = new(StringComparer.Ordinal);

    public IReadOnlyList<HealthSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return _samples.ToList();
            }
        }
    }

    /// <summary>The last background result of the check named <paramref name="name"/> and when it was taken; null before the first.</summary>
    public CheckedEntry? Latest(string name)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(name);
        }
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            foreach (var (name, entry) in report.Entries)
            {
                _samples.Enqueue(new HealthSample(at, name, entry.Status, entry.Duration.TotalMilliseconds));
                _latest[name] = new CheckedEntry(entry, at);
            }

            while (_samples.Count > Capacity * Math.Max(1, report.Entries.Count))
            {
                _samples.Dequeue();
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>One check's result as the background run found it, and when.</summary>
public sealed record CheckedEntry(HealthReportEntry Entry, DateTimeOffset CheckedAt);
