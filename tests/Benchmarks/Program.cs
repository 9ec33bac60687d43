using BenchmarkDotNet.Running;
using Portal.Benchmarks.Publishing;

// `./portal bench` passes its arguments through, e.g. `./portal bench --filter '*Health*'`.
// Results land in BenchmarkDotNet.Artifacts/results/*.md; the numbers we keep go to docs/PERFORMANCE.md.
// `./portal bench publish-1000 [rounds]` is a plain timed loop of whole publishes instead.
switch (args)
{
    case [PublishThousandRules.Command, .. var options]:
        return await PublishThousandRules.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.Health.HealthBenchmarks).Assembly).Run(args);
return 0;
