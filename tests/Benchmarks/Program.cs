using BenchmarkDotNet.Running;
using Portal.Benchmarks.Tuning;

// `./portal bench` passes its arguments through, e.g. `./portal bench --filter '*Health*'`.
// Results land in BenchmarkDotNet.Artifacts/results/*.md; the numbers we keep go to docs/PERFORMANCE.md.
// `./portal bench api-vs-raw [OPTIONS]` is a plain timed loop against a running portal instead, and
// `./portal bench backfill-cpu-week` gives a young dev stack the week of history it measures best on.
switch (args)
{
    case [BacktestApiVsRaw.Command, .. var options]:
        return await BacktestApiVsRaw.RunAsync(options);
    case [CpuWeekBackfill.Command]:
        return await CpuWeekBackfill.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.Health.HealthBenchmarks).Assembly).Run(args);
return 0;
