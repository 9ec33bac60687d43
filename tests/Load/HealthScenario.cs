using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Load;

/// <summary>
/// /health at a fixed arrival rate (an open loop: requests are due on a schedule whether or not earlier ones have
/// answered), at most C in flight. Latency is reported both as service time and from the moment a request was due,
/// so a server that falls behind shows it instead of quietly lowering the rate.
/// </summary>
public static class HealthScenario
{
    public static async Task<int> RunAsync(LoadSettings settings, int rate, int seconds, CancellationToken ct)
    {
        if (rate == 0 || seconds == 0)
        {
            throw new ArgumentException("RATE and SECONDS must be above zero.");
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Connections })
        {
            BaseAddress = settings.Url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var gate = new SemaphoreSlim(settings.Connections);
        var service = new ConcurrentBag<double>();
        var fromDue = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<string, int>();
        var total = rate * seconds;
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            tasks.Add(Task.Run(async () =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync("health", ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                    service.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    fromDue.Add((Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds);
                    statuses.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    statuses.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
                finally
                {
                    gate.Release();
                }
            }, ct));
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Scenarios.Say($"GET /health: {total} requests due at {rate}/s over {seconds} s, {settings.Connections} connections");
        Scenarios.Say($"achieved {service.Count / elapsed:F1} answered/s over {elapsed:F1} s; answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Scenarios.Say($"service time: {LatencySummary.Of(service)}");
        Scenarios.Say($"from due time: {LatencySummary.Of(fromDue)}");
        return 0;
    }
}
