using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Benchmarks.Cluster;

/// <summary>
/// `./portal bench rules-100k [runs]`: issue 19's goal, the rules list's first page and full-text search over 100,000
/// rules in 1,000 namespaces ≤ 100 ms server time (RuleStore.ListAsync, which the page and the API call), as a timed
/// loop (median, p95, max) in a database of its own (portal_bench_rules), seeded by one INSERT ... SELECT per table.
/// </summary>
internal static class RulesHundredThousand
{
    public const string Command = "rules-100k";
    private const string Database = "portal_bench_rules";

    public static async Task<int> RunAsync(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 30;
        var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
            ?? "Host=127.0.0.1;Port=55432;Username=portal;Password=portal;Database=portal") { Database = Database }.ConnectionString;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE); CREATE DATABASE {Database}", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(connection, npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        services.AddSingleton<IRuleStore, RuleStore>();
        services.AddSingleton<Portal.Infrastructure.Identity.ITeams, Portal.Infrastructure.Identity.Teams>();
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);

        var setup = Stopwatch.StartNew();
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var seed = new NpgsqlCommand(Seed, db) { CommandTimeout = 600 };
            await seed.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"100,000 rules in 1,000 namespaces written in {setup.Elapsed.TotalSeconds:0.0} s");
        var store = provider.GetRequiredService<IRuleStore>();
        var cases = new (string Name, RuleQuery Query)[]
        {
            ("first page (position)", new RuleQuery()),
            ("sorted by name", new RuleQuery(Sort: RuleSort.Name)),
            ("sorted by updated, newest first", new RuleQuery(Sort: RuleSort.UpdatedAt, Descending: true)),
            ("sorted by fires/week", new RuleQuery(Sort: RuleSort.FiresPerWeek, Descending: true)),
            ("sorted by severity, descending", new RuleQuery(Sort: RuleSort.Severity, Descending: true)),
            ("sorted by findings, most first", new RuleQuery(Sort: RuleSort.Findings, Descending: true)),
            ("namespace order, last first", new RuleQuery(Descending: true)),
            ("recording rules, page 101", new RuleQuery(Kind: Portal.Domain.Lint.RuleKind.Recording, Skip: 5_000)),
            ("recording rules by name, page 101", new RuleQuery(Kind: Portal.Domain.Lint.RuleKind.Recording, Sort: RuleSort.Name, Skip: 5_000)),
            ("one namespace", new RuleQuery(Namespace: "data-0421")),
            ("search 'disk' (common)", new RuleQuery(Text: "disk")),
            ("search 'replication lag' (phrase)", new RuleQuery(Text: "replication lag")),
            ("search 'x0421' (rare)", new RuleQuery(Text: "x0421")),
        };
        foreach (var (name, query) in cases)
        {
            var page = await store.ListAsync(query, default);
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await store.ListAsync(query, default);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine($"{name,-38} median {times[runs / 2],7:0.0} ms  p95 {times[(int)(runs * 0.95)],7:0.0} ms  max {times[^1],7:0.0} ms  ({page.Items.Count} of {page.Total})");
        }

        return 0;
    }

    // Ten groups of ten rules per namespace; names, expressions and labels vary per namespace so that trigram search
    // meets the spread a real catalogue has; one in four rules measured for noise.
    private const string Seed =
        """
        INSERT INTO rule_namespaces (id, name, team, created_at, review_required)
        SELECT gen_random_uuid(), (ARRAY['payments','checkout','search','identity','platform','data','storage','mobile'])[1 + i % 8] || '-' || lpad(i::text, 4, '0'),
               (ARRAY['payments','checkout','search','identity','platform','data','storage','mobile'])[1 + i % 8], now(), false
        FROM generate_series(1, 1000) i;
        INSERT INTO rule_groups (id, namespace_id, name, interval_ms, position)
        SELECT gen_random_uuid(), ns.id, ns.name || '.group-' || g, 30000, g FROM rule_namespaces ns, generate_series(0, 9) g;
        INSERT INTO rules (id, group_id, position, kind, name, expr_head, threshold_text, expr_tail, threshold_query, threshold_operator, threshold,
                           for_ms, labels, annotations, enabled, severity, error_count, warning_count, fires_per_week, version_number, created_at, updated_at, updated_by)
        SELECT gen_random_uuid(), g.id, r,
               CASE WHEN r = 9 THEN 'Recording' ELSE 'Alerting' END,
               (ARRAY['HighErrorRate','DiskWillFillIn4Hours','PostgresReplicationLag','RedisMemoryHigh','PodCrashLooping','HighLatencyP99','NodeDown','CertificateExpiry','QueueBacklog','job:requests:rate5m'])[1 + r] || 'X' || substr(ns.name, length(ns.name) - 3),
               'sum(rate(http_requests_total{job="x' || substr(ns.name, length(ns.name) - 3) || '",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="x' || substr(ns.name, length(ns.name) - 3) || '"}[5m])) ' ||
                 (ARRAY['','disk_free_bytes / disk_size_bytes ','pg_replication_lag_seconds ','redis_memory_used_bytes ','kube_pod_container_status_restarts_total ','histogram_quantile(0.99, latency) ','up ','probe_ssl_earliest_cert_expiry ','queue_depth ',''])[1 + r] || '> ',
               (g.position + r)::text, '', 'sum(rate(http_requests_total[5m]))', '>', g.position + r,
               300000, jsonb_build_object('severity', CASE WHEN r % 3 = 0 THEN 'critical' ELSE 'warning' END, 'team', ns.team),
               jsonb_build_object('summary', 'replication lag or disk or errors in ' || ns.name), true,
               CASE WHEN r = 9 THEN NULL WHEN r % 3 = 0 THEN 'critical' ELSE 'warning' END,
               0, r % 4, CASE WHEN r % 4 = 0 THEN r * 1.5 END, 1, now() - make_interval(mins => r + g.position * 10), now() - make_interval(mins => r + g.position * 10), 'seed'
        FROM rule_groups g JOIN rule_namespaces ns ON ns.id = g.namespace_id, generate_series(0, 9) r;
        ANALYZE;
        """;
}
