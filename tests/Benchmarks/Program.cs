using BenchmarkDotNet.Running;
using Portal.Benchmarks.Publishing;
using Portal.Benchmarks.Tuning;

// `./portal bench` passes its arguments through, e.g. `./portal bench --filter '*Health*'`.
// Results land in BenchmarkDotNet.Artifacts/results/*.md; the numbers we keep go to docs/PERFORMANCE.md.
// Plain timed loops instead of BenchmarkDotNet:
//   `./portal bench api-vs-raw [OPTIONS]`   the backtest API against raw query_range, on a running portal;
//   `./portal bench backfill-cpu-week`      gives a young dev stack the week of history api-vs-raw measures best on;
//   `./portal bench publish-1000 [rounds]`  whole publishes of 1,000 rules against bare promtool + reload;
//   `./portal bench grid-6x200 [runs]`      the threshold × for grid, wall and thread CPU time (robust on a shared machine);
//   `./portal bench seed-scale [namespaces]` ~230 namespaces / ~2,000 rules of 12 teams into the stack's portal database
//                                           (PORTAL_STACK=test for the test stack), for measuring /publish and /rules/new at scale;
//   `./portal bench runbook-search [runs]`  runbook search over 10,000 runbooks (issue 16's goal: ≤ 50 ms);
//   `./portal bench capacity-50 [runs]`     evaluating 50 capacity models, warm cache and cold (issue 17's goal: ≤ 500 ms warm);
//   `./portal bench home [runs]`            gathering the home page's tiles, cold and warm (issue 17's goal: ≤ 200 ms);
//   `./portal bench incident-start [runs] [ruleId]` evidence over 24 h + the postmortem rendered (issue 18's goal: ≤ 1 s);
//   `./portal bench incident-list [runs]`   the incident list over 10,000 incidents, filters and search (issue 18's goal: ≤ 200 ms).
//   `./portal bench hot-paths [runs]`       parse 10,000 expressions, backtest 100 and 1,000 series (issue 19's goals: ≤ 10 ms, ≤ 30 ms).
//   `./portal bench health-load URL [rate] [connections] [seconds]` /health polled at a fixed rate (issue 19's goal: p95 ≤ 20 ms at 200/s);
//   `./portal bench rules-100k [runs]`      the rules list and search over 100,000 rules in 1,000 namespaces (issue 19's goal: ≤ 100 ms).
switch (args)
{
    case [BacktestApiVsRaw.Command, .. var options]:
        return await BacktestApiVsRaw.RunAsync(options);
    case [CpuWeekBackfill.Command]:
        return await CpuWeekBackfill.RunAsync();
    case [PublishThousandRules.Command, .. var options]:
        return await PublishThousandRules.RunAsync(options);
    case [ThresholdForGridTimed.Command, .. var options]:
        return ThresholdForGridTimed.Run(options);
    case [ScaleSeed.Command, .. var options]:
        return await ScaleSeed.RunAsync(options);
    case [Portal.Benchmarks.Runbooks.RunbookSearchTimed.Command, .. var options]:
        return await Portal.Benchmarks.Runbooks.RunbookSearchTimed.RunAsync(options);
    case [Portal.Benchmarks.Capacity.CapacityEvaluationTimed.Command, .. var options]:
        return await Portal.Benchmarks.Capacity.CapacityEvaluationTimed.RunAsync(options);
    case [Portal.Benchmarks.Home.HomeOverviewTimed.Command, .. var options]:
        return await Portal.Benchmarks.Home.HomeOverviewTimed.RunAsync(options);
    case [Portal.Benchmarks.Incidents.IncidentStartTimed.Command, .. var options]:
        return await Portal.Benchmarks.Incidents.IncidentStartTimed.RunAsync(options);
    case [Portal.Benchmarks.Incidents.IncidentListTimed.Command, .. var options]:
        return await Portal.Benchmarks.Incidents.IncidentListTimed.RunAsync(options);
    case [Portal.Benchmarks.Rules.HotPathsTimed.Command, .. var options]:
        return Portal.Benchmarks.Rules.HotPathsTimed.Run(options);
    case [Portal.Benchmarks.Cluster.HealthLoad.Command, .. var options]:
        return await Portal.Benchmarks.Cluster.HealthLoad.RunAsync(options);
    case [Portal.Benchmarks.Cluster.RulesHundredThousand.Command, .. var options]:
        return await Portal.Benchmarks.Cluster.RulesHundredThousand.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.Health.HealthBenchmarks).Assembly).Run(args);
return 0;
