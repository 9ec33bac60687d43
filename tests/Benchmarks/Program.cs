using BenchmarkDotNet.Running;

// `./portal bench` passes its arguments through, e.g. `./portal bench --filter '*Health*'`.
// Results land in BenchmarkDotNet.Artifacts/results/*.md; the numbers we keep go to docs/PERFORMANCE.md.
BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.Health.HealthBenchmarks).Assembly).Run(args);
