using System.Diagnostics;
using Portal.Benchmarks.Tuning;
using Portal.Domain.PromQl;
using Portal.Domain.Tuning;

namespace Portal.Benchmarks.Rules;

/// <summary>
/// `./portal bench hot-paths [runs]`: issue 19's Domain hot paths as plain timed loops with medians, which a
/// machine shared with other builds disturbs less than BenchmarkDotNet's means. Goals: parse 10,000 typical
/// expressions ≤ 10 ms; backtest 1,000 series × 7 days at 30 s with `for` and `keep_firing_for` ≤ 30 ms.
/// </summary>
internal static class HotPathsTimed
{
    public const string Command = "hot-paths";

    public static int Run(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 30;
        var typical = RuleLanguageBenchmarks.TypicalExpressions(10_000);
        // The typical shapes repeat one regex (`code=~"5.."`); here every regex is new, so nothing about a
        // regex can be remembered from an earlier expression.
        var distinctRegexes = typical.Select((e, i) => e.Replace("code=~\"5..\"", $"code=~\"5..|4{i:D5}\"", StringComparison.Ordinal)).ToArray();
        Measure("parse 10,000 typical expressions", runs, () => ParseAll(typical));
        Measure("parse 10,000 typical expressions, every regex distinct", runs, () => ParseAll(distinctRegexes));

        foreach (var seriesCount in new[] { 100, 1_000 })
        {
            var input = BacktestWorkload.Input(seriesCount);
            var samples = input.Series.Sum(s => (long)s.Samples.Count);
            Measure($"backtest {seriesCount:N0} series × {BacktestWorkload.Steps:N0} steps ({samples:N0} samples), for 5m, keep_firing_for 10m",
                runs, () => Backtest.Run(input).Total.FiringEpisodes);
        }

        return 0;
    }

    private static int ParseAll(string[] expressions)
    {
        var valid = 0;
        foreach (var expression in expressions)
        {
            valid += PromQlParser.Parse(expression).IsValid ? 1 : 0;
        }

        if (valid != expressions.Length)
        {
            throw new InvalidOperationException($"only {valid} of {expressions.Length} expressions parsed");
        }

        return valid;
    }

    private static void Measure(string name, int runs, Func<int> work)
    {
        var check = 0;
        for (var i = 0; i < 5; i++)
        {
            check = work();
        }

        GC.Collect();
        var wall = new List<double>(runs);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = work();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            if (result != check)
            {
                throw new InvalidOperationException($"{name}: run {i} gave {result}, the warm-up {check}");
            }
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / runs;
        wall.Sort();
        Console.WriteLine($"{name}: median {wall[runs / 2]:0.00} ms (min {wall[0]:0.00}, p90 {wall[runs * 9 / 10]:0.00}), "
            + $"process CPU {cpu:0.00} ms a run (GC threads included), {allocated / 1024.0 / 1024.0:0.0} MB allocated a run, {runs} runs, result {check}");
    }
}
