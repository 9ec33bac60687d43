using System.Diagnostics;

namespace Portal.Benchmarks.Capacity;

/// <summary>
/// `./portal bench capacity-50 [runs]`: the evaluations of <see cref="CapacityEvaluationBenchmarks"/> as a plain timed
/// loop (median, 95th percentile, max), for machines where BenchmarkDotNet's second build of the portal times out.
/// </summary>
internal static class CapacityEvaluationTimed
{
    public const string Command = "capacity-50";

    public static async Task<int> RunAsync(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 30;
        var bench = new CapacityEvaluationBenchmarks();
        bench.Setup();
        try
        {
            foreach (var (name, evaluate) in new (string, Func<Task<int>>)[] { ("50 models, warm cache", bench.FiftyModelsWarm), ("50 models, cold", bench.FiftyModelsCold) })
            {
                await evaluate();
                var times = new List<double>();
                for (var i = 0; i < runs; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await evaluate();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                Console.WriteLine($"{name}: median {times[runs / 2]:0.0} ms, p95 {times[Math.Max(0, (int)(runs * 0.95) - 1)]:0.0} ms, " +
                                  $"min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {runs} runs");
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }
}
