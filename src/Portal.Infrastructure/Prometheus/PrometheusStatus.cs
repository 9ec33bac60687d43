namespace Portal.Infrastructure.Prometheus;

/// <summary>
/// Remembers the last answer for a few seconds so that every page render does not ask Prometheus
/// again; a failure is remembered for the same time so a dead server does not slow every page.
/// </summary>
public sealed class PrometheusStatus(IPrometheus prometheus, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (PrometheusConnection Value, DateTimeOffset At)? _last;

    public async Task<PrometheusConnection> GetAsync(CancellationToken ct)
    {
        if (_last is { } cached && clock.GetUtcNow() - cached.At < Freshness)
        {
            return cached.Value;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_last is { } again && clock.GetUtcNow() - again.At < Freshness)
            {
                return again.Value;
            }

            PrometheusConnection connection;
            try
            {
                var build = await prometheus.BuildInfoAsync(ct);
                connection = new PrometheusConnection(prometheus.BaseAddress, build.Version, null);
            }
            catch (PrometheusException e)
            {
                connection = new PrometheusConnection(prometheus.BaseAddress, null, e.Message);
            }

            _last = (connection, clock.GetUtcNow());
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }
}
