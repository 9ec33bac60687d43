using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Access;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Persistence;

namespace Portal.Benchmarks.Publishing;

/// <summary>
/// Issue 13's scale: about 230 namespaces and 2,000 rules over 12 teams, written into the portal database
/// that <c>ConnectionStrings__Portal</c> names (the dev stack's; <c>PORTAL_STACK=test</c> for the test stack's)
/// through the real stores, so versions, lint counts, audit rows and teams are what users would have made.
/// The rules are the usual host, Kubernetes, PostgreSQL, Redis and HTTP-service alerts, with thresholds and
/// label values that differ per namespace. Running it again changes nothing (imports of equal text are no-ops).
/// <c>./portal bench seed-scale [namespaces]</c>.
/// </summary>
internal static class ScaleSeed
{
    public const string Command = "seed-scale";

    internal static readonly string[] Teams =
        ["payments", "checkout", "search", "identity", "platform", "data", "messaging", "storage", "mobile", "observability", "billing", "ml-serving"];

    /// <summary>What each team runs; the kind decides which alerts the namespace gets.</summary>
    private static readonly (string Component, Kind Kind)[] Components =
    [
        ("api", Kind.Http), ("postgres", Kind.Postgres), ("redis", Kind.Redis), ("nodes", Kind.Node), ("k8s", Kind.Kubernetes),
        ("gateway", Kind.Http), ("db-replica", Kind.Postgres), ("sessions", Kind.Redis), ("edge-nodes", Kind.Node), ("jobs", Kind.Kubernetes),
        ("worker", Kind.Http), ("reporting-db", Kind.Postgres), ("ratelimit", Kind.Redis), ("batch-nodes", Kind.Node), ("ingress", Kind.Kubernetes),
        ("frontend", Kind.Http), ("scheduler", Kind.Http), ("webhooks", Kind.Http), ("admin-api", Kind.Http), ("events", Kind.Http),
    ];

    private enum Kind { Http, Postgres, Redis, Node, Kubernetes }

    public static async Task<int> RunAsync(string[] options)
    {
        var count = options.Length > 0 ? int.Parse(options[0], CultureInfo.InvariantCulture) : 230;
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Portal") ?? throw new InvalidOperationException("source .stack/env first (./portal bench does)");
        await using var services = Services(connection);
        var caller = Caller.System("seed-scale");
        var started = Stopwatch.GetTimestamp();

        var teams = services.GetRequiredService<ITeams>();
        foreach (var team in Teams)
        {
            var problems = await teams.CreateAsync(caller, team, $"{team} (seeded for the scale benchmark)", default);
            if (problems.Count > 0 && !problems.Any(p => p.Message.Contains("exists", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"team {team}: {string.Join("; ", problems.Select(p => p.Message))}");
            }
        }

        var store = services.GetRequiredService<IRuleStore>();
        var rules = 0;
        var changed = 0;
        // A few imports at once: each is one transaction of its own namespace, so they never wait on each other.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var (name, team, yaml, ruleCount) = Namespace(i);
            var result = await store.ImportAsync(new ImportRequest(yaml, name, Team: team), caller, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{name}: {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }

            Interlocked.Add(ref rules, ruleCount);
            if (result.Outcome == StoreOutcome.Saved)
            {
                Interlocked.Increment(ref changed);
            }
        });

        Console.WriteLine($"seeded {count} namespaces ({changed} new or changed), {rules} rules, {Teams.Length} teams in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>Namespace <paramref name="i"/>: its name, team, rule file and number of rules (deterministic).</summary>
    internal static (string Name, string Team, string Yaml, int Rules) Namespace(int i)
    {
        var team = Teams[i % Teams.Length];
        var (component, kind) = Components[i / Teams.Length % Components.Length];
        var round = i / (Teams.Length * Components.Length);
        var name = round == 0 ? $"{team}-{component}" : $"{team}-{component}-{round + 1}";
        var job = $"{team}-{component}";
        var random = new Random(i * 7919 + 17);
        var alerts = AlertsOf(kind).ToList();
        // Not every team keeps every alert of a kind: a third of the namespaces drop the last one.
        var keep = alerts.Count - (i % 3 == 2 ? 1 : 0);
        var chosen = alerts.Where((_, n) => n < keep).ToList();

        var yaml = new StringBuilder("groups:\n");
        // Bigger namespaces split their alerts the way people do: availability apart from saturation.
        var split = chosen.Count > 7 ? chosen.Count / 2 : chosen.Count;
        AppendGroup(yaml, $"{job}.availability", chosen.Take(split), job, team, kind, random, i % 4 == 0 ? "1m" : null);
        if (split < chosen.Count)
        {
            AppendGroup(yaml, $"{job}.saturation", chosen.Skip(split), job, team, kind, random, null);
        }

        var recording = RecordingOf(kind);
        if (recording is { } rule)
        {
            yaml.Append($"- name: {job}.recording\n  interval: 30s\n  rules:\n");
            yaml.Append($"  - record: {rule.Record}\n    expr: {Quote(rule.Expr.Replace("JOB", job, StringComparison.Ordinal))}\n");
        }

        return (name, team, yaml.ToString(), chosen.Count + (recording is null ? 0 : 1));
    }

    private static void AppendGroup(StringBuilder yaml, string group, IEnumerable<Alert> alerts, string job, string team, Kind kind, Random random, string? interval)
    {
        yaml.Append($"- name: {group}\n");
        if (interval is not null)
        {
            yaml.Append($"  interval: {interval}\n");
        }

        yaml.Append("  rules:\n");
        foreach (var alert in alerts)
        {
            var threshold = alert.Low + (alert.High - alert.Low) * random.Next(0, 5) / 4.0;
            var expr = alert.Expr.Replace("JOB", job, StringComparison.Ordinal).Replace("$T", Number(threshold), StringComparison.Ordinal);
            yaml.Append($"  - alert: {alert.Name}\n    expr: {Quote(expr)}\n");
            if (alert.For is { } @for)
            {
                yaml.Append($"    for: {@for}\n");
            }

            yaml.Append($"    labels:\n      severity: {alert.Severity}\n      team: {team}\n");
            yaml.Append("    annotations:\n");
            yaml.Append($"      summary: {Quote(alert.Summary)}\n");
            yaml.Append($"      description: {Quote(alert.Description.Replace("JOB", job, StringComparison.Ordinal))}\n");
            yaml.Append($"      runbook_url: https://runbooks.example.internal/{kind.ToString().ToLowerInvariant()}/{alert.Name.ToLowerInvariant()}\n");
        }
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <param name="Expr">JOB stands for the job label, $T for the threshold (between Low and High, per namespace).</param>
    private sealed record Alert(string Name, string Expr, double Low, double High, string? For, string Severity, string Summary, string Description);

    private sealed record Recording(string Record, string Expr);

    private static IEnumerable<Alert> AlertsOf(Kind kind) => kind switch
    {
        Kind.Http => Http,
        Kind.Postgres => Postgres,
        Kind.Redis => Redis,
        Kind.Node => Node,
        _ => Kubernetes,
    };

    private static Recording? RecordingOf(Kind kind) => kind switch
    {
        Kind.Http => new("job:http_requests:rate5m", "sum by (job, code) (rate(http_requests_total{job=\"JOB\"}[5m]))"),
        Kind.Node => new("instance:node_cpu_busy:ratio_rate5m", "1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{job=\"JOB\", mode=\"idle\"}[5m]))"),
        Kind.Kubernetes => new("namespace:container_working_set_bytes:sum", "sum by (namespace) (container_memory_working_set_bytes{job=\"JOB\", container!=\"\"})"),
        _ => null,
    };

    // Written for this benchmark: the signals any on-call rotation watches for these systems, with thresholds in the usual ranges.
    private static readonly Alert[] Http =
    [
        new("ServiceErrorRatioHigh", "sum(rate(http_requests_total{job=\"JOB\", code=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"JOB\"}[5m])) > $T", 0.01, 0.05, "10m", "critical",
            "{{ $labels.job }} fails {{ $value | humanizePercentage }} of requests", "More than the agreed share of JOB requests end in a 5xx answer."),
        new("ServiceSlowP99", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"JOB\"}[5m]))) > $T", 0.5, 2, "15m", "warning",
            "p99 latency of {{ $labels.job }} is {{ $value | humanizeDuration }}", "The slowest 1% of JOB requests take longer than users tolerate."),
        new("ServiceTargetDown", "up{job=\"JOB\"} == 0", 0, 0, "5m", "critical",
            "{{ $labels.instance }} does not answer scrapes", "Prometheus could not scrape an instance of JOB for five minutes."),
        new("ServiceTrafficDropped", "sum(rate(http_requests_total{job=\"JOB\"}[10m])) < $T", 1, 10, "20m", "warning",
            "{{ $labels.job }} receives almost no requests", "Traffic to JOB fell below its usual floor: a routing or client problem upstream."),
        new("ErrorBudgetFastBurn", "sum(rate(http_requests_total{job=\"JOB\", code=~\"5..\"}[1h])) / sum(rate(http_requests_total{job=\"JOB\"}[1h])) > $T", 0.0144, 0.0144, "2m", "critical",
            "{{ $labels.job }} burns its monthly error budget 14x too fast", "At this rate JOB spends two percent of the month's error budget in one hour."),
        new("ServiceMemoryHigh", "max(process_resident_memory_bytes{job=\"JOB\"}) > $T", 1e9, 4e9, "30m", "warning",
            "{{ $labels.job }} uses {{ $value | humanize1024 }}B of memory", "A JOB process holds more memory than it was sized for; look for a leak."),
        new("ServiceGoroutinesHigh", "max(go_goroutines{job=\"JOB\"}) > $T", 2000, 10000, "15m", "warning",
            "{{ $labels.instance }} runs {{ $value }} goroutines", "Goroutines of JOB pile up: usually a slow dependency or a missing timeout."),
        new("ServiceScrapeSlow", "max(scrape_duration_seconds{job=\"JOB\"}) > $T", 5, 10, "10m", "info",
            "Scraping {{ $labels.instance }} takes {{ $value }}s", "The metrics endpoint of JOB answers slowly, near the scrape timeout."),
    ];

    private static readonly Alert[] Postgres =
    [
        new("PostgresDown", "pg_up{job=\"JOB\"} == 0", 0, 0, "1m", "critical",
            "PostgreSQL on {{ $labels.instance }} is unreachable", "The exporter of JOB cannot connect to its database server."),
        new("PostgresConnectionsNearLimit", "sum by (instance) (pg_stat_activity_count{job=\"JOB\"}) / min by (instance) (pg_settings_max_connections{job=\"JOB\"}) * 100 > $T", 75, 90, "10m", "warning",
            "{{ $labels.instance }} uses {{ $value | humanize }}% of max_connections", "New connections to JOB will soon be refused."),
        new("PostgresReplicationLagging", "pg_replication_lag_seconds{job=\"JOB\"} > $T", 30, 120, "5m", "warning",
            "Replica {{ $labels.instance }} is {{ $value | humanizeDuration }} behind", "Reads from the JOB replica return stale data."),
        new("PostgresDeadlocks", "increase(pg_stat_database_deadlocks{job=\"JOB\"}[10m]) > $T", 3, 10, null, "warning",
            "{{ $value }} deadlocks in {{ $labels.datname }}", "Transactions of JOB wait on each other in a cycle; one of each pair is aborted."),
        new("PostgresRollbackRatioHigh", "sum by (datname) (rate(pg_stat_database_xact_rollback{job=\"JOB\"}[5m])) / sum by (datname) (rate(pg_stat_database_xact_commit{job=\"JOB\"}[5m])) > $T", 0.02, 0.1, "10m", "warning",
            "{{ $labels.datname }} rolls back {{ $value | humanizePercentage }} of transactions", "Many JOB transactions are aborted: look for errors in the application log."),
        new("PostgresCacheHitRatioLow", "sum by (datname) (rate(pg_stat_database_blks_hit{job=\"JOB\"}[10m])) / (sum by (datname) (rate(pg_stat_database_blks_hit{job=\"JOB\"}[10m])) + sum by (datname) (rate(pg_stat_database_blks_read{job=\"JOB\"}[10m]))) < $T", 0.9, 0.98, "30m", "info",
            "{{ $labels.datname }} reads {{ $value | humanizePercentage }} of blocks from cache", "The working set of JOB no longer fits in shared buffers."),
        new("PostgresLocksHigh", "sum by (datname) (pg_locks_count{job=\"JOB\"}) > $T", 100, 300, "10m", "warning",
            "{{ $labels.datname }} holds {{ $value }} locks", "Lock counts on JOB are far above normal; long transactions are likely."),
        new("PostgresLongTransaction", "max by (datname) (pg_stat_activity_max_tx_duration{job=\"JOB\"}) > $T", 300, 900, "2m", "warning",
            "A transaction in {{ $labels.datname }} has run for {{ $value | humanizeDuration }}", "Long transactions on JOB hold back vacuum and block schema changes."),
        new("PostgresExporterFailing", "pg_exporter_last_scrape_error{job=\"JOB\"} > 0", 0, 0, "15m", "info",
            "The PostgreSQL exporter of {{ $labels.instance }} reports errors", "Some JOB metrics are missing, so other alerts may stay silent."),
    ];

    private static readonly Alert[] Redis =
    [
        new("RedisDown", "redis_up{job=\"JOB\"} == 0", 0, 0, "1m", "critical",
            "Redis on {{ $labels.instance }} is unreachable", "The exporter of JOB cannot reach its Redis server."),
        new("RedisMemoryNearMax", "redis_memory_used_bytes{job=\"JOB\"} / redis_memory_max_bytes{job=\"JOB\"} * 100 > $T", 80, 95, "5m", "warning",
            "{{ $labels.instance }} uses {{ $value | humanize }}% of maxmemory", "JOB will start evicting or refusing writes."),
        new("RedisClientsNearMax", "redis_connected_clients{job=\"JOB\"} / redis_config_maxclients{job=\"JOB\"} * 100 > $T", 70, 90, "5m", "warning",
            "{{ $labels.instance }} has {{ $value | humanize }}% of its client slots in use", "New clients of JOB will be refused soon."),
        new("RedisRejectingConnections", "increase(redis_rejected_connections_total{job=\"JOB\"}[5m]) > 0", 0, 0, null, "critical",
            "{{ $labels.instance }} rejected connections", "JOB turned clients away in the last five minutes."),
        new("RedisEvictingKeys", "rate(redis_evicted_keys_total{job=\"JOB\"}[5m]) > $T", 10, 100, "15m", "info",
            "{{ $labels.instance }} evicts {{ $value | humanize }} keys/s", "JOB is full and drops keys to make room."),
        new("RedisReplicaLost", "delta(redis_connected_slaves{job=\"JOB\"}[5m]) < 0", 0, 0, null, "warning",
            "{{ $labels.instance }} lost a replica", "A replica of JOB disconnected from its primary."),
        new("RedisHitRatioLow", "rate(redis_keyspace_hits_total{job=\"JOB\"}[10m]) / (rate(redis_keyspace_hits_total{job=\"JOB\"}[10m]) + rate(redis_keyspace_misses_total{job=\"JOB\"}[10m])) < $T", 0.5, 0.9, "30m", "info",
            "Only {{ $value | humanizePercentage }} of lookups on {{ $labels.instance }} hit", "Most JOB lookups miss: keys expire too soon or the cache is too small."),
        new("RedisBackupStale", "time() - redis_rdb_last_save_timestamp_seconds{job=\"JOB\"} > $T", 86400, 172800, null, "warning",
            "{{ $labels.instance }} last saved {{ $value | humanizeDuration }} ago", "JOB has no recent RDB snapshot to restore from."),
    ];

    private static readonly Alert[] Node =
    [
        new("HostCpuBusy", "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{job=\"JOB\", mode=\"idle\"}[5m]))) > $T", 80, 95, "15m", "warning",
            "{{ $labels.instance }} CPU is {{ $value | humanize }}% busy", "A JOB host has had little idle CPU for a quarter of an hour."),
        new("HostMemoryLow", "node_memory_MemAvailable_bytes{job=\"JOB\"} / node_memory_MemTotal_bytes{job=\"JOB\"} * 100 < $T", 5, 15, "10m", "warning",
            "{{ $labels.instance }} has {{ $value | humanize }}% memory available", "A JOB host is close to the OOM killer."),
        new("HostDiskWillFillIn24h", "predict_linear(node_filesystem_avail_bytes{job=\"JOB\", fstype!~\"tmpfs|overlay\"}[6h], 86400) < 0", 0, 0, "1h", "critical",
            "{{ $labels.mountpoint }} on {{ $labels.instance }} fills up within a day", "At the growth of the last six hours this JOB filesystem is full tomorrow."),
        new("HostDiskAlmostFull", "node_filesystem_avail_bytes{job=\"JOB\", fstype!~\"tmpfs|overlay\"} / node_filesystem_size_bytes{job=\"JOB\", fstype!~\"tmpfs|overlay\"} * 100 < $T", 5, 12, "10m", "warning",
            "{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanize }}% free", "A JOB filesystem is nearly full."),
        new("HostUnreachable", "up{job=\"JOB\"} == 0", 0, 0, "5m", "critical",
            "{{ $labels.instance }} is not scraped", "The node exporter of a JOB host has not answered for five minutes."),
        new("HostClockSkew", "abs(node_timex_offset_seconds{job=\"JOB\"}) > $T", 0.05, 0.5, "10m", "warning",
            "{{ $labels.instance }} clock is off by {{ $value | humanizeDuration }}", "NTP on a JOB host is not keeping time; TLS and logs suffer."),
        new("HostLoadHigh", "node_load15{job=\"JOB\"} / count without (cpu, mode) (node_cpu_seconds_total{job=\"JOB\", mode=\"idle\"}) > $T", 1.5, 3, "30m", "info",
            "{{ $labels.instance }} load is {{ $value | humanize }} per core", "Work queues up on a JOB host."),
        new("HostNetworkReceiveErrors", "rate(node_network_receive_errs_total{job=\"JOB\"}[5m]) > $T", 1, 10, "10m", "warning",
            "{{ $labels.device }} on {{ $labels.instance }} drops packets", "A JOB network interface reports receive errors."),
        new("HostOomKill", "increase(node_vmstat_oom_kill{job=\"JOB\"}[30m]) > 0", 0, 0, null, "warning",
            "The kernel killed a process on {{ $labels.instance }}", "A JOB host ran out of memory in the last half hour."),
        new("HostSwapping", "rate(node_vmstat_pswpout{job=\"JOB\"}[5m]) > $T", 100, 1000, "15m", "info",
            "{{ $labels.instance }} swaps out {{ $value | humanize }} pages/s", "A JOB host is short of memory and slows down."),
    ];

    private static readonly Alert[] Kubernetes =
    [
        new("PodRestartingOften", "increase(kube_pod_container_status_restarts_total{job=\"JOB\"}[15m]) > $T", 2, 5, "5m", "warning",
            "{{ $labels.pod }} restarted {{ $value }} times in 15 minutes", "A container in JOB keeps crashing."),
        new("PodStuckNotRunning", "sum by (namespace, pod) (kube_pod_status_phase{job=\"JOB\", phase=~\"Pending|Unknown\"}) > 0", 0, 0, "15m", "warning",
            "{{ $labels.pod }} has not started for 15 minutes", "A JOB pod waits for a node, an image or a volume."),
        new("DeploymentReplicasMissing", "kube_deployment_spec_replicas{job=\"JOB\"} != kube_deployment_status_replicas_available{job=\"JOB\"}", 0, 0, "15m", "warning",
            "{{ $labels.deployment }} runs fewer replicas than asked", "A JOB deployment has been short of available replicas for 15 minutes."),
        new("ContainerCpuThrottled", "sum by (pod, container) (rate(container_cpu_cfs_throttled_periods_total{job=\"JOB\"}[5m])) / sum by (pod, container) (rate(container_cpu_cfs_periods_total{job=\"JOB\"}[5m])) > $T", 0.25, 0.5, "15m", "info",
            "{{ $labels.container }} is throttled {{ $value | humanizePercentage }} of the time", "A JOB container hits its CPU limit; latency suffers."),
        new("ContainerMemoryNearLimit", "sum by (pod, container) (container_memory_working_set_bytes{job=\"JOB\", container!=\"\"}) / sum by (pod, container) (kube_pod_container_resource_limits{job=\"JOB\", resource=\"memory\"}) > $T", 0.85, 0.95, "15m", "warning",
            "{{ $labels.container }} uses {{ $value | humanizePercentage }} of its memory limit", "A JOB container is about to be OOM-killed."),
        new("JobFailed", "kube_job_status_failed{job=\"JOB\"} > 0", 0, 0, null, "warning",
            "Job {{ $labels.job_name }} failed", "A JOB batch job ended in failure; its work was not done."),
        new("AutoscalerAtMaximum", "kube_horizontalpodautoscaler_status_current_replicas{job=\"JOB\"} >= kube_horizontalpodautoscaler_spec_max_replicas{job=\"JOB\"}", 0, 0, "30m", "info",
            "{{ $labels.horizontalpodautoscaler }} runs at its maximum", "A JOB autoscaler cannot add more replicas."),
        new("VolumeAlmostFull", "kubelet_volume_stats_available_bytes{job=\"JOB\"} / kubelet_volume_stats_capacity_bytes{job=\"JOB\"} * 100 < $T", 5, 15, "5m", "warning",
            "{{ $labels.persistentvolumeclaim }} has {{ $value | humanize }}% free", "A JOB persistent volume is nearly full."),
        new("StatefulSetNotReady", "kube_statefulset_status_replicas_ready{job=\"JOB\"} < kube_statefulset_status_replicas{job=\"JOB\"}", 0, 0, "15m", "warning",
            "{{ $labels.statefulset }} has replicas that are not ready", "A JOB stateful set has been short of ready replicas for 15 minutes."),
    ];

    private static ServiceProvider Services(string connection)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(connection, npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<IRuleStore, RuleStore>();
        services.AddSingleton<ITeams, Portal.Infrastructure.Identity.Teams>();
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        return services.BuildServiceProvider();
    }
}
