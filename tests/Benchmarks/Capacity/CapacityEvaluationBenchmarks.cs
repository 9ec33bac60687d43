using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Infrastructure;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;

namespace Portal.Benchmarks.Capacity;

/// <summary>
/// Goal of issue 17: the Capacity page with 50 models in at most 500 ms server time with a warm cache. Evaluates 50
/// models (the starter set's six queries, each under several names and limits) plus the starter budget and baselines,
/// against the stack's Prometheus and a database of its own (portal_bench_capacity):
/// PORTAL_STACK=test ./portal bench --filter '*CapacityEvaluation*'.
/// Warm: the report cached by the evaluator (what every page view after the first within 30 s costs: three small
/// database reads). Cold: a fresh evaluation every time, one batched range query of 7 days for all 50 models.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class CapacityEvaluationBenchmarks
{
    private const int Models = 50;
    private const string Team = "bench";

    private IHost _host = null!;
    private ICapacityEvaluator _warm = null!;
    private ICapacityEvaluator _cold = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
            ?? "Host=127.0.0.1;Port=55432;Username=portal;Password=portal;Database=portal") { Database = "portal_bench_capacity" }.ConnectionString;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS portal_bench_capacity WITH (FORCE); CREATE DATABASE portal_bench_capacity", admin);
            await drop.ExecuteNonQueryAsync();
        }

        // The stack's environment (Prometheus__Url, ...) configures the rest, as it does the portal.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:" + DependencyInjection.ConnectionStringName] = connection;
        builder.AddPortalInfrastructure();
        _host = builder.Build();
        var services = _host.Services;
        await services.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
        var caller = Caller.System("bench");
        await services.GetRequiredService<ITeams>().CreateAsync(caller, Team, null, default);
        var store = services.GetRequiredService<ICapacityStore>();
        var starter = StarterCapacity.Set;
        var edits = Enumerable.Range(0, Models).Select(i =>
        {
            var spec = starter.Models[i % starter.Models.Count];
            return new CapacityModelEdit(null, Team, spec with { Name = $"{spec.Name} {i}" }, 0);
        }).ToList();
        var imported = await store.ImportModelsAsync(edits, caller, default);
        var set = await store.ImportStarterAsync(Team, starter with { Models = [] }, caller, default);
        if (!imported.Succeeded || !set.Succeeded)
        {
            throw new InvalidOperationException("setup could not import: " + string.Join("; ", imported.Errors.Concat(set.Errors)));
        }

        _warm = services.GetRequiredService<ICapacityEvaluator>();
        _cold = new CapacityEvaluator(store, services.GetRequiredService<IPrometheus>(), TimeProvider.System,
            Options.Create(new CapacityOptions { CacheFor = TimeSpan.Zero }), NullLogger<CapacityEvaluator>.Instance);
        var first = await _warm.EvaluateAsync(default);
        if (first.Unavailable is not null || first.Models.Count != Models || first.Models.All(m => m.Assessment.Current is null))
        {
            throw new InvalidOperationException($"The evaluation did not reach Prometheus: {first.Unavailable}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark]
    public async Task<int> FiftyModelsWarm() => (await _warm.EvaluateAsync(default)).Models.Count;

    [Benchmark]
    public async Task<int> FiftyModelsCold() => (await _cold.EvaluateAsync(default)).Models.Count;
}
