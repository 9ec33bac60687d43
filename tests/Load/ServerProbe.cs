using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Portal.Load;

/// <summary>One reading of the portal process: managed heap and working set in bytes, open handles.</summary>
public sealed record ServerSample(DateTimeOffset At, double? ManagedHeap, double? WorkingSet, double? Handles, double? ProcRss)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"managed heap {Mb(ManagedHeap)}, working set {Mb(WorkingSet)}, RSS {Mb(ProcRss)}, handles {Handles?.ToString("F0", CultureInfo.InvariantCulture) ?? "?"}");

    public static string Mb(double? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F1} MB") : "?";
}

/// <summary>
/// Reads the portal's memory from its own /metrics (prometheus-net's process and .NET collectors) and, when the
/// portal runs on this machine, from /proc. Before a reading that is compared with another it can make the portal
/// collect garbage (a full blocking GC requested over EventPipe, the way dotnet-gcdump does), so that a delta
/// counts what circuits keep alive, not garbage the collector has not got to yet.
/// </summary>
public sealed class ServerProbe(HttpClient http, int? pid)
{
    private const long GcHeapCollectKeyword = 0x800000;

    public int? Pid => pid;

    public async Task<ServerSample> SampleAsync(bool settle, CancellationToken ct)
    {
        if (settle)
        {
            await CollectAsync(ct);
        }

        var metrics = await http.GetStringAsync("metrics", ct);
        return new ServerSample(DateTimeOffset.UtcNow,
            PrometheusText.Value(metrics, "dotnet_total_memory_bytes"),
            PrometheusText.Value(metrics, "process_working_set_bytes"),
            PrometheusText.Value(metrics, "process_open_handles"),
            ProcRss());
    }

    /// <summary>Two induced full collections a little apart (finalizers run between them), then a short wait for the heap to be reported.</summary>
    private async Task CollectAsync(CancellationToken ct)
    {
        if (pid is not { } id)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);  // no way to ask; give background GCs a chance
            return;
        }

        for (var i = 0; i < 2; i++)
        {
            var client = new DiagnosticsClient(id);
            var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword);
            using (var session = client.StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 16))
            {
                // The collection happens when the session starts; drain a little so the runtime is not blocked writing events.
                var drain = Task.Run(async () =>
                {
                    var buffer = new byte[81920];
                    while (await session.EventStream.ReadAsync(buffer, ct) > 0)
                    {
                    }
                }, ct);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                await session.StopAsync(ct);
                await drain.WaitAsync(TimeSpan.FromSeconds(10), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private double? ProcRss()
    {
        if (pid is not { } id)
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return double.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>The process listening on <paramref name="port"/> of this machine, found through /proc (null elsewhere or when not visible).</summary>
    public static int? FindListener(int port)
    {
        try
        {
            var inodes = new HashSet<string>();
            foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!File.Exists(table))
                {
                    continue;
                }

                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    // local_address is HEXIP:HEXPORT; state 0A is LISTEN.
                    if (f.Length > 9 && f[3] == "0A" && int.Parse(f[1][(f[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                    {
                        inodes.Add(f[9]);
                    }
                }
            }

            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var candidate))
                {
                    continue;
                }

                try
                {
                    foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                    {
                        if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal)
                            && inodes.Contains(target[8..^1]))
                        {
                            return candidate;
                        }
                    }
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                }
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
        }

        return null;
    }
}
