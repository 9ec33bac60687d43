using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Infrastructure.Health;

/// <summary>
/// The last hour of health check results, filled every 15 s by ASP.NET's health check publisher, so
/// the health page shows a history the moment it opens instead of starting from an empty chart.
/// </summary>
public sealed class HealthHistory : IHealthCheckPublisher
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);
    private const int Capacity = 240;
    private readonly Lock _gate = new();
    private readonly Queue<HealthSample> _samples = new();

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

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            foreach (var (name, entry) in report.Entries)
            {
                _samples.Enqueue(new HealthSample(at, name, entry.Status, entry.Duration.TotalMilliseconds));
            }

            while (_samples.Count > Capacity * Math.Max(1, report.Entries.Count))
            {
                _samples.Dequeue();
            }
        }

        return Task.CompletedTask;
    }
}
