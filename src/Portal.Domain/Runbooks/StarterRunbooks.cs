namespace Portal.Domain.Runbooks;

/// <summary>A runbook the portal offers on an empty runbooks page, for one of the services of its own stack.</summary>
public sealed record StarterRunbook(string Slug, string Title, IReadOnlyList<string> Tags, string Body);

/// <summary>
/// Runbooks for the services this portal runs on: PostgreSQL, Redis, Prometheus and the portal itself. Their queries
/// use the metric names of the exporters the stack runs, so each live block draws real data on a fresh install.
/// </summary>
public static class StarterRunbooks
{
    public static IReadOnlyList<StarterRunbook> All { get; } =
    [
        new("postgresql", "PostgreSQL: connections, slow queries and locks", ["postgresql", "database"], PostgreSql),
        new("redis", "Redis: memory, evictions and latency", ["redis", "cache"], Redis),
        new("prometheus", "Prometheus: targets, rule evaluation and head series", ["prometheus", "monitoring"], Prometheus),
        new("alert-rule-portal", "Alert Rule Portal: publishing and health", ["portal"], Portal),
    ];

    private const string PostgreSql = """
        ## Summary

        The portal keeps every rule, release and runbook in PostgreSQL. When the database runs out of connections or
        stalls on locks, pages time out and publishing stops; Prometheus keeps evaluating the rules it already loaded.

        ## Detection

        - Connections in use approach `max_connections` (the share below stays above 80 % for several minutes).
        - The health page shows the database check as unhealthy, or `/health/db` answers 503.
        - Requests get slower across every page at once, not on one page.

        ```promql range=6h
        sum by (instance) (pg_stat_activity_count) / on (instance) pg_settings_max_connections
        ```

        ## Immediate actions

        1. Look at who holds the connections, grouped by state:

           ```sql
           SELECT datname, usename, state, count(*) FROM pg_stat_activity GROUP BY 1, 2, 3 ORDER BY 4 DESC;
           ```

        2. Many `idle in transaction` sessions mean a client opened a transaction and went away; end the oldest with
           `SELECT pg_terminate_backend(pid)` once you know whose they are.
        3. Do not raise `max_connections` as a first move: every connection costs memory, and the limit usually
           protects the server from a leaking client.

        ## Diagnosis

        Sessions by state, to tell a pool leak (idle) from a slow database (active):

        ```promql
        sum by (state) (pg_stat_activity_count)
        ```

        - **Slow queries**: `pg_stat_activity` with `now() - query_start` shows what runs longest; the
          `pg_stat_statements` extension, where installed, shows which statements take the most total time.
        - **Locks**: a session waiting on a lock shows `wait_event_type = 'Lock'`;
          `SELECT pid, pg_blocking_pids(pid), query FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0`
          names the sessions that block it. Long migrations and forgotten `BEGIN`s are the usual holders.

        ```promql
        sum by (mode) (pg_locks_count)
        ```

        ## Resolution

        - Fix the client that leaks connections, or lower its pool size so that all replicas together stay under the limit.
        - Add an index or rewrite the statement that dominates total time; check the plan with `EXPLAIN (ANALYZE, BUFFERS)`.
        - Set `idle_in_transaction_session_timeout` so an abandoned transaction cannot hold locks for hours.

        ## Escalation

        If the database does not accept new connections for more than 10 minutes, or data looks wrong, call the
        database owner on call. Do not restart PostgreSQL while a migration is running.
        """;

    private const string Redis = """
        ## Summary

        Redis holds the portal's query cache and carries change notifications between replicas. The portal works
        without it, only slower; a full or slow Redis mostly shows as slow tuning pages and stale views on other replicas.

        ## Detection

        - Memory used close to `maxmemory` (above 90 % for a while), with evictions rising.
        - The health page reports the cache as degraded, or `/health/cache` says so.

        ```promql range=6h
        redis_memory_used_bytes / redis_config_maxmemory
        ```

        ## Immediate actions

        1. Check whether Redis evicts keys, and how fast:

           ```promql
           rate(redis_evicted_keys_total[5m])
           ```

        2. When `maxmemory` is 0 the ratio above has no answer: Redis then grows until the machine runs out of
           memory. Set a limit before anything else.
        3. Evictions of cache entries are harmless by themselves; the portal fetches again from Prometheus. Watch the
           Prometheus load while the cache is cold.

        ## Diagnosis

        - `redis-cli --bigkeys` finds the keys that take the most memory; `INFO memory` shows fragmentation
          (`mem_fragmentation_ratio` far above 1.5 means memory is lost to fragmentation, not data).
        - Latency: `redis-cli --latency` from the portal's host; `SLOWLOG GET 20` lists slow commands.
        - Clients: a jump in connected clients after a deploy points at a client that does not reuse its connection.

        ```promql
        redis_connected_clients
        ```

        ## Resolution

        - Raise `maxmemory` if the machine has room, or shorten the cache lifetime of large range queries.
        - Use an eviction policy that only evicts keys with a lifetime (`volatile-lru`) if Redis also holds data that must stay.
        - Replace `KEYS` with `SCAN` in any script that shows up in the slow log.

        ## Escalation

        Redis is not the source of truth here, so its loss is not an outage. Escalate to the platform team on call
        only if it stays down for more than 30 minutes or restarts in a loop.
        """;

    private const string Prometheus = """
        ## Summary

        Prometheus evaluates the rules the portal publishes and answers the portal's queries. When it cannot scrape a
        target, alerts about that target go quiet; when rules fail to evaluate, alerts never fire; when it runs out of
        memory, everything stops at once.

        ## Detection

        - A scrape target is down:

        ```promql
        up == 0
        ```

        - Rule evaluations fail (the expression errors at evaluation time, for example a many-to-many match):

        ```promql range=24h
        sum by (rule_group) (rate(prometheus_rule_evaluation_failures_total[5m]))
        ```

        ## Immediate actions

        1. For a down target, open the Targets page of Prometheus: the error column says whether the connection was
           refused, timed out, or the answer could not be parsed.
        2. For failing rules, open the Rules page of Prometheus: each failing rule shows its last error. Roll the
           portal back to the previous release if the failures began with a publish.
        3. If memory is near the machine's limit, stop anything that runs heavy ad-hoc queries before Prometheus is
           killed and has to replay its write-ahead log.

        ## Diagnosis

        Head series drive memory. A sudden rise in series usually means a label with unbounded values (a user id, a
        request path) reached a metric:

        ```promql range=7d
        prometheus_tsdb_head_series
        ```

        ```promql
        process_resident_memory_bytes{job="prometheus"}
        ```

        `topk(10, count by (__name__) ({__name__=~".+"}))` names the metrics with the most series; run it once,
        it is expensive.

        ## Resolution

        - Drop or relabel the label that exploded, in the scrape configuration of the job it came from.
        - Fix the rule that fails to evaluate in the portal, check it in Tuning, and publish again.
        - Give Prometheus more memory only after the series count is understood.

        ## Escalation

        If Prometheus restarts repeatedly or stays down for more than 5 minutes, no alert reaches anyone: call the
        monitoring owner on call at once and watch the services by hand until it is back.
        """;

    private const string Portal = """
        ## Summary

        The Alert Rule Portal writes rule files for Prometheus and keeps runbooks. If it is down, Prometheus keeps
        evaluating the last published rules, so alerts still fire; only changes and the runbook pages wait.

        ## Detection

        - A publish ends in anything but success (a promtool refusal, a failed reload, or a rollback):

        ```promql range=7d
        sum by (outcome) (increase(portal_publish_total[1h]))
        ```

        - The portal's own error rate:

        ```promql
        sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
        ```

        - The Health page (`/status`) shows each check; `/health` answers 503 when something it needs is down.

        ## Immediate actions

        1. Open the Health page: it says whether the database, the cache or Prometheus is the problem. A degraded
           cache alone is not urgent.
        2. For a failed publish, open the release list: the failed release shows promtool's message or the reload
           error, and whether the previous release was restored.
        3. Nothing is lost by a failed publish: rules stay in the database, and the next publish writes them again.

        ## Diagnosis

        - Publish refused by promtool: a rule that parses in the editor can still fail a check that needs the whole
          file (two groups with one name); the release shows which.
        - Reload failed: Prometheus must run with `--web.enable-lifecycle`, and the portal must reach it.
        - Verification failed: Prometheus loaded something other than what was written, often because another tool
          writes into the same rules directory.

        ```promql
        up{job="portal"}
        ```

        ## Resolution

        - Fix the rule that promtool names and publish again; or roll back to a known good release from the release list.
        - Restart the portal only after the Health page has been read: a restart clears nothing the database keeps.

        ## Escalation

        The portal team owns it. A publish that cannot be completed or rolled back within 30 minutes is theirs to
        handle; page them with the release number.
        """;
}
