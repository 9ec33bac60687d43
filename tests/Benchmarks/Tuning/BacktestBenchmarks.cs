using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Portal.Domain.Tuning;

namespace Portal.Benchmarks.Tuning;

/// <summary>
/// Goals of issue 5: backtest 100 series × 7 days at 30 s steps with `for` + `keep_firing_for` ≤ 10 ms;
/// sweep 200 thresholds (plus quantiles) over the same samples ≤ 200 ms.
/// </summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private BacktestInput _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = BacktestWorkload.Input();
        var total = Backtest.Run(_input).Total;
        if (total.FiringEpisodes == 0)
        {
            throw new InvalidOperationException("the workload should make the rule fire");
        }
    }

    [Benchmark]
    public int Backtest100SeriesSevenDays() => Backtest.Run(_input).Total.FiringEpisodes;

    [Benchmark]
    public int Sweep200Thresholds() => ThresholdSweep.Run(_input).Points.Count;
}

/// <summary>
/// The same work for promtool 2.42 (`promtool test rules` evaluating the rule at all 20,160 steps), the
/// baseline the issue compares with. Its expectation is the engine's answer at the last step, so a
/// run that disagrees fails instead of timing.
/// </summary>
[WarmupCount(1)]
[IterationCount(3)]
public class BacktestPromtoolBaseline
{
    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("portal-bench-promtool-").FullName;
        BacktestWorkload.WritePromtoolFiles(BacktestWorkload.Input(), _directory);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public int PromtoolTestRules100SeriesSevenDays()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PORTAL_PROMTOOL") ?? "promtool", ["test", "rules", "tests.yml"])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var text = stdout + stderr.Result;
            throw new InvalidOperationException($"promtool disagreed or failed (exit {process.ExitCode}): {text[..Math.Min(text.Length, 2000)]}");
        }
        return process.ExitCode;
    }
}
