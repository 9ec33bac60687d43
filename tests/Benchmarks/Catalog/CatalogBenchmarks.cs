using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Benchmarks.Catalog;

/// <summary>
/// Goals of issue 4, against the real PostgreSQL of `./portal bench` (the dev stack, database
/// portal_bench): import a 5,000-rule file ≤ 5 s end to end; first page of the list with 10,000 rules
/// ≤ 300 ms; full-text filter ≤ 100 ms.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CatalogBenchmarks
{
    private ServiceProvider _services = null!;
    private IRuleStore _store = null!;
    private string _fiveThousand = "";
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
            ?? "Host=127.0.0.1;Port=55432;Username=portal;Password=portal;Database=portal") { Database = "portal_bench" }.ConnectionString;
        using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString))
        {
            admin.Open();
            using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS portal_bench WITH (FORCE); CREATE DATABASE portal_bench", admin);
            drop.ExecuteNonQuery();
        }

        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(connection, n => n.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        services.AddSingleton<IRuleStore, RuleStore>();
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<DatabaseMigrations>().ApplyAsync(default).GetAwaiter().GetResult();
        _store = _services.GetRequiredService<IRuleStore>();

        _fiveThousand = RuleFile(5_000, "a");
        var loaded = _store.ImportAsync(new ImportRequest(RuleFile(10_000, "svc"), "bench-10k"), Portal.Domain.Access.Caller.System("bench"), default).GetAwaiter().GetResult();
        if (loaded.Value!.Count(ImportAction.Create) != 10_000)
        {
            throw new InvalidOperationException("setup did not import 10,000 rules");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>20 groups of rules shaped like real ones, every name and query distinct.</summary>
    private static string RuleFile(int rules, string prefix)
    {
        var text = new StringBuilder("groups:\n");
        var perGroup = rules / 20;
        for (var g = 0; g < 20; g++)
        {
            text.Append($"- name: {prefix}-group-{g}\n  interval: 30s\n  rules:\n");
            for (var i = 0; i < perGroup; i++)
            {
                var n = g * perGroup + i;
                text.Append($"  - alert: {prefix}{n}ErrorRatioHigh\n")
                    .Append($"    expr: sum(rate(http_requests_total{{job=\"{prefix}{n}\",code=~\"5..\"}}[5m])) / sum(rate(http_requests_total{{job=\"{prefix}{n}\"}}[5m])) > 0.0{1 + n % 9}\n")
                    .Append("    for: 5m\n    labels:\n      severity: ").Append(n % 3 == 0 ? "critical" : "warning").Append('\n')
                    .Append("    annotations:\n      summary: \"{{ $labels.job }} errors at {{ $value | humanizePercentage }}\"\n")
                    .Append($"      runbook_url: https://runbooks.example/{prefix}{n}\n");
            }
        }

        return text.ToString();
    }

    [Benchmark]
    public async Task<int> Import5000RuleFile()
    {
        var result = await _store.ImportAsync(new ImportRequest(_fiveThousand, $"bench-import-{_iteration++}"), Portal.Domain.Access.Caller.System("bench"), default);
        return result.Value!.Count(ImportAction.Create);
    }

    [Benchmark]
    public async Task<int> ListFirstPageOf10000() => (await _store.ListAsync(new RuleQuery(Namespace: "bench-10k", Take: 50), default)).Items.Count;

    [Benchmark]
    public async Task<int> FullTextFilterOver10000() =>
        (await _store.ListAsync(new RuleQuery(Text: "svc4242", Take: 50), default)).Total;
}
