using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Incidents;
using Portal.Infrastructure.Persistence;

namespace Portal.Benchmarks.Incidents;

/// <summary>
/// `./portal bench incident-list [runs]`: issue 18's goal, the incident list over 10,000 incidents ≤ 200 ms server time
/// (the store's call, which the page and the API make), as a timed loop (median, p95, max) against the real PostgreSQL of
/// `./portal bench` (database portal_bench_incidents). Writeups of about 2 KB of a small operations vocabulary, so a
/// common word matches thousands of incidents; a rare word a handful; one in five incidents has open action items.
/// </summary>
internal static class IncidentListTimed
{
    public const string Command = "incident-list";
    private const int Count = 10_000;
    private const string Database = "portal_bench_incidents";
    private static readonly string[] Teams = ["sre", "payments", "storage", "edge", "data", "identity"];
    private static readonly string[] Severities = ["SEV-1", "SEV-2", "SEV-3"];

    private static readonly string[] Vocabulary =
    [
        "connection", "pool", "exhausted", "replica", "lag", "primary", "failover", "latency", "timeout", "retry", "backoff",
        "certificate", "expiry", "resolver", "upstream", "gateway", "ingress", "pod", "restart", "memory", "pressure", "disk",
        "queue", "backlog", "consumer", "partition", "deploy", "rollback", "canary", "alert", "threshold", "customers", "errors",
    ];

    public static async Task<int> RunAsync(string[] options)
    {
        var runs = options is [var text, ..] && int.TryParse(text, out var n) && n > 0 ? n : 50;
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
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(connection, n => n.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        services.AddSingleton<IIncidentStore, IncidentStore>();
        services.AddSingleton<IIncidentEvidence, NoEvidence>();
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
        var contexts = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var store = provider.GetRequiredService<IIncidentStore>();

        var setup = Stopwatch.StartNew();
        await SeedAsync(contexts);
        Console.WriteLine($"{Count:N0} incidents written in {setup.Elapsed.TotalSeconds:0.0} s");

        var since = DateTimeOffset.UtcNow.AddDays(-30);
        foreach (var (name, query) in new (string, IncidentQuery)[]
                 {
                     ("first page, no filter", new IncidentQuery()),
                     ("page 100 of 50", new IncidentQuery(Page: 100)),
                     ("status Resolved", new IncidentQuery(Status: IncidentStatus.Resolved)),
                     ("severity SEV-1 + team sre", new IncidentQuery(Severity: "SEV-1", Team: "sre")),
                     ("last 30 days", new IncidentQuery(Since: since)),
                     ("search common word (latency)", new IncidentQuery(Text: "latency")),
                     ("search rare word (inc4242)", new IncidentQuery(Text: "inc4242")),
                     ("search two words + status", new IncidentQuery(Text: "replica lag", Status: IncidentStatus.Resolved)),
                 })
        {
            for (var i = 0; i < 3; i++)
            {
                await store.ListAsync(query, default);
            }

            var times = new List<double>();
            var total = 0;
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                total = (await store.ListAsync(query, default)).Total;
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{name}: median {times[runs / 2]:0.0} ms, p95 {times[Math.Max(0, (int)(runs * 0.95) - 1)]:0.0} ms, " +
                              $"min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {runs} runs; {total} matching");
        }

        var open = Stopwatch.StartNew();
        var items = await store.OpenActionsAsync(200, default);
        Console.WriteLine($"open action items (200 of them, overdue first): {open.Elapsed.TotalMilliseconds:0.0} ms, {items.Count} items");
        return 0;
    }

    /// <summary>Rows written directly in batches: starting 10,000 incidents one by one would measure the start, not the list.</summary>
    private static async Task SeedAsync(IDbContextFactory<PortalDbContext> contexts)
    {
        var random = new Random(18);
        var now = DateTimeOffset.UtcNow;
        for (var batch = 0; batch < Count / 500; batch++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            for (var k = 0; k < 500; k++)
            {
                var n = batch * 500 + k;
                var started = now.AddMinutes(-random.Next(0, 365 * 24 * 60));
                var status = (IncidentStatus)random.Next(0, 4);
                var id = Guid.NewGuid();
                db.Incidents.Add(new IncidentRow
                {
                    Id = id, Title = $"{Vocabulary[random.Next(Vocabulary.Length)]} {Vocabulary[random.Next(Vocabulary.Length)]} on svc{n % 300} inc{n}",
                    Status = status.ToString(), Severity = Severities[random.Next(Severities.Length)], Team = Teams[n % Teams.Length],
                    TemplateKey = StarterIncidentTemplates.PostmortemKey, Body = Body(random), StartedAt = started,
                    ResolvedAt = status == IncidentStatus.Resolved ? started.AddHours(2) : null, AlertName = $"Alert{n % 50}",
                    Revision = 1, CreatedAt = started, CreatedBy = "bench", UpdatedAt = started, UpdatedBy = "bench",
                });
                db.IncidentTimeline.Add(new TimelineEntryRow
                {
                    Id = Guid.NewGuid(), IncidentId = id, At = started, Kind = nameof(TimelineKind.Detected), Text = "Detected.", By = "bench", CreatedAt = started,
                });
                if (n % 5 == 0)
                {
                    for (var a = 0; a < 3; a++)
                    {
                        db.IncidentActions.Add(new ActionItemRow
                        {
                            Id = Guid.NewGuid(), IncidentId = id, Text = "Follow up", Status = nameof(ActionItemStatus.Open), IsOpen = true,
                            Due = DateOnly.FromDateTime(started.UtcDateTime).AddDays(14), CreatedAt = started, UpdatedAt = started, UpdatedBy = "bench",
                        });
                    }
                }
            }

            await db.SaveChangesAsync();
        }

        await using var analyze = await contexts.CreateDbContextAsync();
        await analyze.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    private static string Body(Random random)
    {
        var body = new StringBuilder("## Summary\n");
        while (body.Length < 2_000)
        {
            body.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        return body.ToString();
    }

    /// <summary>The list never gathers evidence; the store needs one to be built.</summary>
    private sealed class NoEvidence : IIncidentEvidence
    {
        public Task<IncidentEvidence> GatherAsync(Guid? ruleId, IReadOnlyDictionary<string, string>? alertLabels, DateTimeOffset startedAt, CancellationToken ct) =>
            Task.FromResult(IncidentEvidence.None);

        public Task<IReadOnlyList<TimelineEntry>> AlertTimelineAsync(RuleFacts? rule, AlertFacts? alert, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<TimelineEntry>>([]);

        public Task<ChartSnapshot?> SnapshotAsync(RuleFacts rule, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            Task.FromResult<ChartSnapshot?>(null);

        public Task<EarlierDetectionReport> EarlierDetectionAsync(IncidentDetail incident, CancellationToken ct) =>
            Task.FromResult(EarlierDetectionReport.Unanswered("not measured here"));
    }
}
