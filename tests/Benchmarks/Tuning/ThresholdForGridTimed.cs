using System.Diagnostics;
using Portal.Domain.Tuning;

namespace Portal.Benchmarks.Tuning;

/// <summary>
/// `./portal bench grid-6x200 [runs]`: the threshold × `for` grid of <see cref="ThresholdForGridBenchmarks"/> as a plain
/// timed loop that reports the calling thread's CPU time beside the wall time. On a machine shared with other
/// builds the wall time mostly measures the neighbours; the grid is single-threaded, so its CPU time does not.
/// </summary>
internal static class ThresholdForGridTimed
{
    public const string Command = "grid-6x200";

    public static int Run(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 20;
        var input = BacktestWorkload.Input();
        var thresholds = ThresholdSweep.Run(input).Points.Where(p => p.Marks.HasFlag(SweepMarks.Grid)).Select(p => p.Threshold).ToArray();
        foreach (var (name, workload) in new[] { ("keep_firing_for 10m", input), ("no keep_firing_for", input with { KeepFiringFor = TimeSpan.Zero }) })
        {
            for (var i = 0; i < 3; i++)
            {
                ThresholdForGrid.Run(workload, thresholds);
            }

            var wall = new List<double>();
            var cpu = new List<double>();
            var episodes = 0;
            for (var i = 0; i < runs; i++)
            {
                var cpuBefore = ThreadCpu();
                var clock = Stopwatch.StartNew();
                episodes = ThresholdForGrid.Run(workload, thresholds).Rows[3][100].FiringEpisodes;
                wall.Add(clock.Elapsed.TotalMilliseconds);
                cpu.Add((ThreadCpu() - cpuBefore).TotalMilliseconds);
            }

            wall.Sort();
            cpu.Sort();
            Console.WriteLine($"grid 6 × {thresholds.Length}, {BacktestWorkload.SeriesCount} series × {BacktestWorkload.Steps:N0} steps, {name}: "
                + $"wall median {wall[runs / 2]:0.0} ms (min {wall[0]:0.0}, max {wall[^1]:0.0}), thread CPU median {cpu[runs / 2]:0.0} ms "
                + $"(min {cpu[0]:0.0}) over {runs} runs; cell (5m, #100) = {episodes} episodes");
        }

        return 0;
    }

    /// <summary>CPU time of the calling thread: .NET exposes the process' only, so it is read from /proc on Linux.</summary>
    private static TimeSpan ThreadCpu()
    {
        var stat = File.ReadAllText($"/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name; in clock ticks (100 Hz).
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
