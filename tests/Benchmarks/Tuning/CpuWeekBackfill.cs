using System.Diagnostics;
using System.Globalization;

namespace Portal.Benchmarks.Tuning;

/// <summary>
/// A week of history for <see cref="BacktestApiVsRaw"/> on a stack younger than a week: 2 CPUs × 8 modes
/// of a node_cpu_seconds_total-like counter (<c>bench_cpu_seconds_total</c>, instance "backfill"),
/// scraped every 5 s like the stack's targets, written with <c>promtool tsdb create-blocks-from
/// openmetrics</c> into the dev Prometheus' data directory, which loads new blocks within a minute.
/// It ends three hours ago: promtool warns against writing into the range of Prometheus' head block.
/// </summary>
internal static class CpuWeekBackfill
{
    public const string Command = "backfill-cpu-week";

    private static readonly string[] Modes = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"];
    private static readonly double[] MeanShare = [0.6, 0.25, 0.08, 0.03, 0.01, 0.02, 0.005, 0.005];

    public static async Task<int> RunAsync()
    {
        var data = Path.Combine(Environment.GetEnvironmentVariable("PORTAL_STACK_DIR") ?? throw new InvalidOperationException("PORTAL_STACK_DIR is not set: source .stack/env first"),
            "prometheus", "data");
        var file = Path.Combine(Path.GetTempPath(), "portal-bench-cpu-week.om");
        var end = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds() / 5 * 5;
        var start = end - (long)TimeSpan.FromDays(7).TotalSeconds;
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync("# TYPE bench_cpu_seconds_total counter");
            var random = new Random(42);
            for (var cpu = 0; cpu < 2; cpu++)
            {
                for (var mode = 0; mode < Modes.Length; mode++)
                {
                    // Mean-reverting share of the CPU, with busy spells that push user time past 0.5.
                    var (share, total, busy) = (MeanShare[mode], 0.0, 0);
                    for (var t = start; t <= end; t += 5)
                    {
                        busy = busy > 0 ? busy - 1 : random.NextDouble() < 0.0005 ? random.Next(12, 360) : 0;
                        var target = MeanShare[mode] * (busy > 0 && mode == 1 ? 3 : 1);
                        share = Math.Clamp(share + (target - share) * 0.05 + (random.NextDouble() - 0.5) * MeanShare[mode] * 0.2, 0, 1);
                        total += share * 5;
                        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"bench_cpu_seconds_total{{cpu=\"{cpu}\",mode=\"{Modes[mode]}\",instance=\"backfill\"}} {total:F2} {t}"));
                    }
                }
            }

            await writer.WriteLineAsync("# EOF");
        }

        var promtool = Environment.GetEnvironmentVariable("PORTAL_PROMTOOL") ?? "promtool";
        using var process = Process.Start(promtool, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", file, data]);
        await process.WaitForExitAsync();
        File.Delete(file);
        Console.WriteLine(process.ExitCode == 0
            ? $"backfilled {DateTimeOffset.FromUnixTimeSeconds(start):u} to {DateTimeOffset.FromUnixTimeSeconds(end):u} into {data}; Prometheus loads it within a minute"
            : $"promtool failed with exit code {process.ExitCode}");
        return process.ExitCode;
    }
}
