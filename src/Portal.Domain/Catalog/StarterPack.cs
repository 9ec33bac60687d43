namespace Portal.Domain.Catalog;

/// <summary>
/// Rules for the portal's own stack (its /metrics, PostgreSQL, Redis, Prometheus and the node), so a
/// new installation has real rules with live data to tune. Alerts query raw series rather than the
/// recording rules, because tuning backtests a query before anything is published.
/// </summary>
public static class StarterPack
{
    public const string Namespace = "portal-stack";

    public const string FileName = "portal-stack.yml";

    public const string Team = "portal";

    public const string Yaml = """
        groups:
          - name: portal
            rules:
              - record: job_code:http_requests:rate5m
                expr: sum by (job, code) (rate(http_requests_total{job="portal"}[5m]))
              - alert: PortalHighErrorRate
                expr: sum(rate(http_requests_total{job="portal", code=~"5.."}[5m])) / sum(rate(http_requests_total{job="portal"}[5m])) > 0.05
                for: 10m
                labels:
                  severity: warning
                annotations:
                  summary: "The portal answers {{ $value | humanizePercentage }} of requests with a server error"
                  description: "Over the last 5 minutes {{ $value | humanizePercentage }} of HTTP requests to the portal ended in a 5xx status. Check the portal's log for exceptions and /health for a failing dependency."
                  runbook_url: /runbooks/portal-high-error-rate
              - alert: PortalHighErrorRate
                expr: sum(rate(http_requests_total{job="portal", code=~"5.."}[5m])) / sum(rate(http_requests_total{job="portal"}[5m])) > 0.2
                for: 5m
                labels:
                  severity: critical
                annotations:
                  summary: "The portal answers {{ $value | humanizePercentage }} of requests with a server error"
                  description: "One request in five or more fails. Users cannot edit or publish rules reliably; check /health and the portal's log now."
                  runbook_url: /runbooks/portal-high-error-rate
              - alert: PortalSlowRequests
                expr: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="portal"}[5m]))) > 1
                for: 15m
                labels:
                  severity: warning
                annotations:
                  summary: "95% of portal requests take up to {{ $value | humanizeDuration }}"
                  description: "The 95th percentile of HTTP request latency has been {{ $value | humanizeDuration }} for 15 minutes. Slow database queries or a slow Prometheus are the usual causes; compare with the database and Prometheus query latency alerts."
                  runbook_url: /runbooks/portal-slow-requests
              - alert: PortalSlowRequests
                expr: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="portal"}[5m]))) > 5
                for: 5m
                labels:
                  severity: critical
                annotations:
                  summary: "95% of portal requests take up to {{ $value | humanizeDuration }}"
                  description: "Pages and API calls time out for users. Check the database and Prometheus latency and the host's load."
                  runbook_url: /runbooks/portal-slow-requests
              - alert: PortalDatabaseQueriesSlow
                expr: histogram_quantile(0.99, sum by (le) (rate(db_query_duration_seconds_bucket{job="portal"}[5m]))) > 0.25
                for: 10m
                labels:
                  severity: warning
                annotations:
                  summary: "The portal's 99th-percentile database command time is {{ $value | humanizeDuration }}"
                  description: "The 99th percentile of database command time has been {{ $value | humanizeDuration }} for 10 minutes. Look for lock waits and long transactions in pg_stat_activity."
                  runbook_url: /runbooks/portal-database-queries-slow
              - alert: PortalPrometheusQueriesSlow
                expr: histogram_quantile(0.95, sum by (le, endpoint) (rate(prometheus_query_duration_seconds_bucket{job="portal"}[5m]))) > 5
                for: 10m
                labels:
                  severity: warning
                annotations:
                  summary: "Prometheus takes {{ $value | humanizeDuration }} to answer the portal's {{ $labels.endpoint }} queries"
                  description: "Backtests and threshold sweeps wait on these queries, so tuning feels slow. Check Prometheus' own load and the size of the ranges users ask for."
                  runbook_url: /runbooks/portal-prometheus-queries-slow
              - alert: PortalCacheHitRatioLow
                expr: sum(rate(cache_requests_total{job="portal", result="hit"}[30m])) / sum(rate(cache_requests_total{job="portal", result=~"hit|miss"}[30m])) < 0.3
                for: 1h
                labels:
                  severity: warning
                annotations:
                  summary: "Only {{ $value | humanizePercentage }} of query cache lookups hit"
                  description: "Most backtest queries go to Prometheus instead of the Redis cache. Redis may be evicting keys (see RedisMemoryHigh) or restarting."
                  runbook_url: /runbooks/portal-cache-hit-ratio-low
              - alert: PortalPublishFailed
                expr: sum by (outcome) (increase(portal_publish_total{job="portal", outcome=~"failed|rolled_back"}[1h])) > 0
                for: 1m
                labels:
                  severity: critical
                annotations:
                  summary: "A rule publication {{ $labels.outcome }} in the last hour"
                  description: "Prometheus may still run the previous rules. Open the Publish page for the release's promtool output and verification result."
                  runbook_url: /runbooks/portal-publish-failed
          - name: targets
            rules:
              - alert: TargetDown
                expr: up == 0
                for: 2m
                labels:
                  severity: critical
                annotations:
                  summary: "Prometheus cannot scrape {{ $labels.job }} at {{ $labels.instance }}"
                  description: "The target has failed every scrape for 2 minutes. Either the process is down or its metrics endpoint does not answer; rules over its series see no data meanwhile."
                  runbook_url: /runbooks/target-down
          - name: postgres
            rules:
              - record: instance:pg_stat_database_xact_rollback:ratio_rate10m
                expr: sum by (instance) (rate(pg_stat_database_xact_rollback[10m])) / (sum by (instance) (rate(pg_stat_database_xact_commit[10m])) + sum by (instance) (rate(pg_stat_database_xact_rollback[10m])))
              - alert: PostgresDown
                expr: pg_up == 0
                for: 1m
                labels:
                  severity: critical
                annotations:
                  summary: "The PostgreSQL exporter on {{ $labels.instance }} cannot reach the database"
                  description: "The portal keeps every rule and release in PostgreSQL: with it down nothing can be edited or published."
                  runbook_url: /runbooks/postgres-down
              - alert: PostgresConnectionsHigh
                expr: sum by (instance) (pg_stat_activity_count) / max by (instance) (pg_settings_max_connections) > 0.8
                for: 10m
                labels:
                  severity: warning
                annotations:
                  summary: "PostgreSQL on {{ $labels.instance }} uses {{ $value | humanizePercentage }} of max_connections"
                  description: "New connections will soon be refused. Look for idle-in-transaction sessions and connection pools that grew."
                  runbook_url: /runbooks/postgres-connections-high
              - alert: PostgresConnectionsHigh
                expr: sum by (instance) (pg_stat_activity_count) / max by (instance) (pg_settings_max_connections) > 0.95
                for: 2m
                labels:
                  severity: critical
                annotations:
                  summary: "PostgreSQL on {{ $labels.instance }} uses {{ $value | humanizePercentage }} of max_connections"
                  description: "Connections are about to be refused, and the portal with them."
                  runbook_url: /runbooks/postgres-connections-high
          - name: redis
            rules:
              - record: instance:redis_keyspace_hits:ratio_rate5m
                expr: sum by (instance) (rate(redis_keyspace_hits_total[5m])) / (sum by (instance) (rate(redis_keyspace_hits_total[5m])) + sum by (instance) (rate(redis_keyspace_misses_total[5m])))
              - alert: RedisDown
                expr: redis_up == 0
                for: 1m
                labels:
                  severity: warning
                annotations:
                  summary: "The Redis exporter on {{ $labels.instance }} cannot reach Redis"
                  description: "The portal keeps working without its cache, only slower: every backtest goes to Prometheus."
                  runbook_url: /runbooks/redis-down
              - alert: RedisMemoryHigh
                expr: redis_memory_used_bytes / (redis_memory_max_bytes > 0) > 0.8
                for: 15m
                labels:
                  severity: warning
                annotations:
                  summary: "Redis on {{ $labels.instance }} uses {{ $value | humanizePercentage }} of maxmemory"
                  description: "Near maxmemory Redis evicts cached query results and the hit ratio drops. Raise maxmemory or shorten cache lifetimes."
                  runbook_url: /runbooks/redis-memory-high
              - alert: RedisMemoryHigh
                expr: redis_memory_used_bytes / (redis_memory_max_bytes > 0) > 0.95
                for: 5m
                labels:
                  severity: critical
                annotations:
                  summary: "Redis on {{ $labels.instance }} uses {{ $value | humanizePercentage }} of maxmemory"
                  description: "Redis is evicting keys on almost every write."
                  runbook_url: /runbooks/redis-memory-high
              - alert: RedisConnectedClientsHigh
                expr: redis_connected_clients > 50
                for: 15m
                labels:
                  severity: warning
                annotations:
                  summary: "{{ $value }} clients are connected to Redis on {{ $labels.instance }}"
                  description: "Each portal instance holds one multiplexer with two connections, so dozens of clients mean a connection leak or an unexpected client."
                  runbook_url: /runbooks/redis-connected-clients-high
          - name: prometheus
            rules:
              - alert: PrometheusRuleEvaluationFailures
                expr: sum by (instance, rule_group) (increase(prometheus_rule_evaluation_failures_total[10m])) > 0
                for: 5m
                labels:
                  severity: critical
                annotations:
                  summary: "Rules in {{ $labels.rule_group }} fail to evaluate on {{ $labels.instance }}"
                  description: "Alerts in this group cannot fire while their evaluation fails. The Prometheus log names the rule and the error."
                  runbook_url: /runbooks/prometheus-rule-evaluation-failures
              - alert: PrometheusConfigReloadFailed
                expr: prometheus_config_last_reload_successful == 0
                for: 5m
                labels:
                  severity: warning
                annotations:
                  summary: "Prometheus on {{ $labels.instance }} failed to reload its configuration"
                  description: "It keeps running the configuration and rules it loaded before, so a published release is not in force."
                  runbook_url: /runbooks/prometheus-config-reload-failed
              - alert: PrometheusHeadSeriesHigh
                expr: prometheus_tsdb_head_series > 1000000
                for: 30m
                labels:
                  severity: warning
                annotations:
                  summary: "Prometheus on {{ $labels.instance }} holds {{ $value | humanize }} series in memory"
                  description: "Series churn or a new high-cardinality label is growing the head block. Check the TSDB status page for the top metrics."
                  runbook_url: /runbooks/prometheus-head-series-high
          - name: node
            rules:
              - record: instance:node_memory_available:ratio
                expr: node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes
              - alert: NodeMemoryLow
                expr: node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1
                for: 10m
                labels:
                  severity: warning
                annotations:
                  summary: "Only {{ $value | humanizePercentage }} of memory is available on {{ $labels.instance }}"
                  description: "PostgreSQL, Redis and Prometheus share this host; when memory runs out the kernel kills one of them."
                  runbook_url: /runbooks/node-memory-low
              - alert: NodeMemoryLow
                expr: node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.05
                for: 2m
                labels:
                  severity: critical
                annotations:
                  summary: "Only {{ $value | humanizePercentage }} of memory is available on {{ $labels.instance }}"
                  description: "The out-of-memory killer is about to act."
                  runbook_url: /runbooks/node-memory-low
              - alert: NodeFilesystemSpaceLow
                expr: node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"} < 0.15
                for: 30m
                labels:
                  severity: warning
                annotations:
                  summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} space left"
                  description: "PostgreSQL and Prometheus stop writing when their disk is full."
                  runbook_url: /runbooks/node-filesystem-space-low
              - alert: NodeFilesystemSpaceLow
                expr: node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"} < 0.05
                for: 5m
                labels:
                  severity: critical
                annotations:
                  summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} space left"
                  description: "Free space now, or writes will start to fail."
                  runbook_url: /runbooks/node-filesystem-space-low
              - alert: NodeLoadHigh
                expr: node_load1 / on (instance) count by (instance) (node_cpu_seconds_total{mode="idle"}) > 2
                for: 15m
                labels:
                  severity: warning
                annotations:
                  summary: "Load on {{ $labels.instance }} is {{ $value | humanize }} per CPU"
                  description: "More than two runnable tasks per CPU for 15 minutes: everything on this host, the portal included, waits for CPU."
                  runbook_url: /runbooks/node-load-high

        """;
}
