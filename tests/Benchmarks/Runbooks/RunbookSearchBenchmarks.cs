using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Domain.Access;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Runbooks;

namespace Portal.Benchmarks.Runbooks;

/// <summary>
/// Goal of issue 16: search over 10,000 runbooks ≤ 50 ms server time (the store's call, which the page and the API make),
/// against the real PostgreSQL of `./portal bench` (database portal_bench_runbooks). Bodies of about 3 KB: mostly words of
/// a 1,600-word made-up vocabulary, one in fifty an operations term, so an operations term is in about one runbook in
/// seven, a pair of them in a few hundred, and "service" (in every title) in all 10,000: the worst case.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class RunbookSearchBenchmarks
{
    private const int Count = 10_000;
    private static readonly string[] Teams = ["sre", "payments", "storage", "edge", "data", "identity"];
    private static readonly string[] Tags = ["database", "cache", "network", "disk", "memory", "latency", "queue", "tls", "dns", "kubernetes"];

    private static readonly string[] Vocabulary =
    [
        "connection", "pool", "exhausted", "replica", "lag", "primary", "failover", "vacuum", "index", "bloat", "checkpoint",
        "eviction", "keyspace", "latency", "timeout", "retry", "backoff", "circuit", "breaker", "saturation", "throttling",
        "certificate", "expiry", "rotation", "resolver", "upstream", "gateway", "ingress", "pod", "restart", "crashloop",
        "memory", "pressure", "oom", "swap", "disk", "inode", "filesystem", "queue", "backlog", "consumer", "partition",
        "deploy", "rollback", "canary", "alert", "threshold", "dashboard", "escalate", "page", "ticket", "owner", "service",
    ];

    private ServiceProvider _services = null!;
    private IRunbookStore _store = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
            ?? "Host=127.0.0.1;Port=55432;Username=portal;Password=portal;Database=portal") { Database = "portal_bench_runbooks" }.ConnectionString;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS portal_bench_runbooks WITH (FORCE); CREATE DATABASE portal_bench_runbooks", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(connection, n => n.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        services.AddSingleton<IRunbookStore, RunbookStore>();
        services.AddSingleton<ITeams, Teams>();
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
        _store = _services.GetRequiredService<IRunbookStore>();
        var caller = Caller.System("bench");
        foreach (var team in Teams)
        {
            await _services.GetRequiredService<ITeams>().CreateAsync(caller, team, null, default);
        }

        var random = new Random(16);
        for (var batch = 0; batch < Count / 500; batch++)
        {
            var edits = Enumerable.Range(batch * 500, 500).Select(n => Runbook(n, random)).ToList();
            var result = await _store.ImportAsync(edits, caller, default);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("setup could not import: " + string.Join("; ", result.Errors));
            }
        }

        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE runbooks");
    }

    private static RunbookEdit Runbook(int n, Random random)
    {
        var topic = $"{Pick(random)} {Pick(random)}";
        var body = new StringBuilder($"# Service {n} {topic}\n\n");
        foreach (var section in Portal.Domain.Runbooks.RunbookTemplates.Sections)
        {
            body.Append("## ").Append(section).Append("\n\n");
            for (var sentence = 0; sentence < 6; sentence++)
            {
                for (var word = 0; word < 10; word++)
                {
                    body.Append(random.Next(50) == 0 ? Pick(random) : Filler(random)).Append(' ');
                }

                body.Append($"svc{n}-{sentence}.\n");
            }

            body.Append('\n');
        }

        return new RunbookEdit(null, $"service-{n}-{topic.Replace(' ', '-')}", $"Service {n}: {topic}",
            [Tags[n % Tags.Length], Tags[(n / 7) % Tags.Length]], Teams[n % Teams.Length], body.ToString(), 180, null);
    }

    private static string Pick(Random random) => Vocabulary[random.Next(Vocabulary.Length)];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mer", "tin", "sa", "vo", "ren", "dul", "pi", "gor", "ne", "bast", "qui", "fel", "ro", "tam", "zu", "hin", "cle", "mob",
        "ar", "stel", "ox", "vin", "pra", "dom", "lu", "sek", "tra", "mi", "nor", "gal", "bri", "vek", "sol", "pen", "ur", "ty", "chal", "wes",
    ];

    /// <summary>One of 1,600 made-up words: the bulk of a body, as ordinary prose is to the terms people search for.</summary>
    private static string Filler(Random random) => Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)];

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>A word in a few runbooks: the index does the work.</summary>
    [Benchmark]
    public async Task<int> RareWord() => (await _store.SearchAsync(new RunbookSearch("svc4242"), default)).Count;

    /// <summary>Two common words: thousands of matches ranked, fifty snippets made.</summary>
    [Benchmark]
    public async Task<int> CommonWords() => (await _store.SearchAsync(new RunbookSearch("replica lag"), default)).Count;

    /// <summary>The worst case: a word in nearly every runbook.</summary>
    [Benchmark]
    public async Task<int> WordInEveryRunbook() => (await _store.SearchAsync(new RunbookSearch("service"), default)).Count;

    [Benchmark]
    public async Task<int> CommonWordWithTagAndTeam() =>
        (await _store.SearchAsync(new RunbookSearch("memory pressure", Tag: "memory", Team: "storage"), default)).Count;
}
