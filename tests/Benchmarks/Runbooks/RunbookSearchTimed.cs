using System.Diagnostics;

namespace Portal.Benchmarks.Runbooks;

/// <summary>
/// `./portal bench runbook-search [runs]`: the searches of <see cref="RunbookSearchBenchmarks"/> over the same 10,000
/// runbooks as a plain timed loop (median, 95th percentile, max of the store's call, which is the server's whole work
/// for a search). BenchmarkDotNet rebuilds the portal for each job, which a machine shared with other builds can take
/// past its two-minute build timeout; this needs no second build.
/// </summary>
internal static class RunbookSearchTimed
{
    public const string Command = "runbook-search";

    public static async Task<int> RunAsync(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 50;
        var bench = new RunbookSearchBenchmarks();
        var setup = Stopwatch.StartNew();
        bench.Setup();
        Console.WriteLine($"10,000 runbooks imported in {setup.Elapsed.TotalSeconds:0.0} s");
        try
        {
            foreach (var (name, search) in new (string, Func<Task<int>>)[]
                     {
                         ("rare word (svc4242)", bench.RareWord),
                         ("two common words (replica lag)", bench.CommonWords),
                         ("word in every runbook (service)", bench.WordInEveryRunbook),
                         ("common words + tag + team", bench.CommonWordWithTagAndTeam),
                     })
            {
                for (var i = 0; i < 3; i++)
                {
                    await search();
                }

                var times = new List<double>();
                var hits = 0;
                for (var i = 0; i < runs; i++)
                {
                    var clock = Stopwatch.StartNew();
                    hits = await search();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                Console.WriteLine($"{name}: median {times[runs / 2]:0.0} ms, p95 {times[(int)(runs * 0.95) - 1]:0.0} ms, " +
                                  $"min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {runs} runs; {hits} hits");
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }
}
