using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Portal.Benchmarks.Cluster;

/// <summary>
/// `./portal bench health-load URL [rate] [connections] [seconds]`: what a load balancer polling /health costs. Fires
/// requests at a fixed rate (default 200/s) over C keep-alive connections (default 8) at a running portal for T seconds
/// (default 20) and prints the achieved rate, status codes and latency p50/p95/p99/max. Each request is sent at its
/// scheduled time unless all connections are busy, so a slow server shows as a missed rate, not as hidden queueing.
/// </summary>
internal static class HealthLoad
{
    public const string Command = "health-load";

    public static async Task<int> RunAsync(string[] options)
    {
        if (options is not [var url, ..])
        {
            Console.Error.WriteLine("usage: ./portal bench health-load URL [rate=200] [connections=8] [seconds=20]");
            return 2;
        }

        var rate = Arg(options, 1, 200);
        var connections = Arg(options, 2, 8);
        var seconds = Arg(options, 3, 20);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };

        // Warm up: JIT, connection pool, the server's first (live) answer.
        for (var i = 0; i < Math.Min(connections * 2, 20); i++)
        {
            using var _ = await http.GetAsync(url);
        }

        var total = rate * seconds;
        var latencies = new double[total];
        var statuses = new int[total];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / (double)rate;
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= total)
                {
                    return;
                }

                var due = started + (long)(i * interval);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    statuses[i] = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    statuses[i] = -1;
                }

                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        Array.Sort(latencies);
        var codes = statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(g.Key < 0 ? "failed" : ((HttpStatusCode)g.Key).ToString())}×{g.Count()}");
        Console.WriteLine($"{url}: {total} requests in {elapsed:0.0} s = {total / elapsed:0.0}/s (asked {rate}/s, {connections} connections); {string.Join(", ", codes)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency ms: p50 {Percentile(latencies, 0.50):0.00}  p95 {Percentile(latencies, 0.95):0.00}  p99 {Percentile(latencies, 0.99):0.00}  max {latencies[^1]:0.00}"));
        return 0;
    }

    private static int Arg(string[] options, int index, int fallback) =>
        options.Length > index && int.TryParse(options[index], out var value) && value > 0 ? value : fallback;

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
