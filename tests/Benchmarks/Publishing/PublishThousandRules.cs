using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Publishing;

namespace Portal.Benchmarks.Publishing;

/// <summary>
/// Issue 6's goal: publishing 1,000 rules end to end (render, lint, promtool, write, reload, verify) in
/// ≤ 5 s and ≤ 1.3× bare <c>promtool check rules</c> + <c>POST /-/reload</c> of the same files, in one run.
/// A database of its own on the dev stack's PostgreSQL and a Prometheus of its own (so the dev replicas'
/// rules stay as they are); every round moves every threshold, so every file is new each time.
/// <c>./portal bench publish-1000 [rounds]</c>.
/// </summary>
internal static class PublishThousandRules
{
    public const string Command = "publish-1000";
    private const int Namespaces = 10;
    private const int RulesPerNamespace = 100;

    public static async Task<int> RunAsync(string[] options)
    {
        var rounds = options.Length > 0 ? int.Parse(options[0]) : 10;
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Portal") ?? throw new InvalidOperationException("source .stack/env first (./portal bench does)");
        var database = $"bench_publish_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync(connection, $"CREATE DATABASE \"{database}\"");
        var home = Directory.CreateTempSubdirectory("portal-bench-publish-");
        var rulesDirectory = Directory.CreateDirectory(Path.Combine(home.FullName, "rules")).FullName;
        var port = FreePort();
        using var prometheus = await StartPrometheusAsync(home.FullName, rulesDirectory, port);
        try
        {
            var services = Services(new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString,
                new PublishTargetOptions { Name = "bench", Url = new Uri($"http://127.0.0.1:{port}"), RulesDirectory = rulesDirectory });
            await services.GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
            var store = services.GetRequiredService<IRuleStore>();
            for (var n = 0; n < Namespaces; n++)
            {
                var result = await store.ImportAsync(new ImportRequest(Yaml(n), $"bench-{n:D2}"), Portal.Domain.Access.Caller.System("bench"), default);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors));
                }
            }

            var publisher = services.GetRequiredService<IPublisher>();
            var portal = new List<double>();
            var bare = new List<double>();
            for (var round = 0; round <= rounds; round++)
            {
                await ExecuteAsync(new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString,
                    "UPDATE rules SET threshold = threshold + 1, threshold_text = (threshold + 1)::int::text WHERE threshold IS NOT NULL");

                var started = Stopwatch.GetTimestamp();
                var published = await publisher.PublishAsync(new PublishRequest($"round {round}", Confirm: true), Portal.Domain.Access.Caller.System("bench"), default);
                var portalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (published.Release?.Targets.Single().Outcome != TargetOutcome.Live)
                {
                    throw new InvalidOperationException($"round {round} did not go live: {published.Refusal} {published.Release?.Targets.SingleOrDefault()?.Detail}");
                }

                var bareMs = await BareAsync(published.Plan.Files, port);
                if (round > 0)
                {
                    // Round 0 warms up (JIT, connection pools, Prometheus' first load).
                    (portal, bare) = ([.. portal, portalMs], [.. bare, bareMs]);
                }

                Console.WriteLine($"round {round}: portal {portalMs:0} ms, promtool + reload {bareMs:0} ms");
            }

            var (p, b) = (Median(portal), Median(bare));
            Console.WriteLine();
            Console.WriteLine($"| {Namespaces * RulesPerNamespace} rules in {Namespaces} files, {rounds} rounds | median | p90 |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| portal publish (render, lint, promtool, write, reload, verify) | {p:0} ms | {P90(portal):0} ms |");
            Console.WriteLine($"| bare promtool check rules + POST /-/reload | {b:0} ms | {P90(bare):0} ms |");
            Console.WriteLine($"| ratio of medians | {p / b:0.00}× | |");
            // Rounds are paired (same files, back to back), so the per-round ratio is less exposed to load swings on a shared machine.
            Console.WriteLine($"| median of per-round ratios | {Median(portal.Zip(bare, (x, y) => x / y).ToList()):0.00}× | |");
            return 0;
        }
        finally
        {
            prometheus.Kill();
            await prometheus.WaitForExitAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            home.Delete(recursive: true);
        }
    }

    /// <summary>What someone publishing by hand at least does: check the files with promtool, then reload.</summary>
    private static async Task<double> BareAsync(IReadOnlyList<ReleaseFile> files, int port)
    {
        var directory = Directory.CreateTempSubdirectory("portal-bench-bare-");
        try
        {
            foreach (var file in files)
            {
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, file.FileName), file.Content);
            }

            var started = Stopwatch.GetTimestamp();
            var check = new ProcessStartInfo(Environment.GetEnvironmentVariable("PORTAL_PROMTOOL") ?? "promtool") { WorkingDirectory = directory.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "check", "rules" }.Concat(files.Select(f => f.FileName)))
            {
                check.ArgumentList.Add(arg);
            }

            using (var process = Process.Start(check)!)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException(await errors);
                }

                await output;
            }

            using var http = new HttpClient();
            (await http.PostAsync($"http://127.0.0.1:{port}/-/reload", null)).EnsureSuccessStatusCode();
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Yaml(int ns)
    {
        var text = new System.Text.StringBuilder("groups:\n");
        for (var g = 0; g < 5; g++)
        {
            text.Append($"- name: group-{g}\n  interval: 30s\n  rules:\n");
            for (var r = 0; r < RulesPerNamespace / 5; r++)
            {
                var i = g * 100 + r;
                text.Append($$$"""
                      - alert: BenchAlert{{{ns}}}x{{{i}}}
                        expr: sum by (job, instance) (rate(http_requests_total{job="svc-{{{i}}}", code=~"5.."}[5m])) > {{{10 + i}}}
                        for: 5m
                        labels:
                          severity: {{{(r % 2 == 0 ? "warning" : "critical")}}}
                        annotations:
                          summary: "{{ $labels.instance }} serves errors at {{ $value | humanize }}/s"

                    """);
            }
        }

        return text.ToString();
    }

    private static ServiceProvider Services(string connection, PublishTargetOptions target)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Portal.Infrastructure.Publishing", LogLevel.Information));
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(connection, npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        services.AddSingleton<IRuleStore, RuleStore>();
        services.AddHttpClient(TargetDeployer.ClientName);
        services.Configure<PublishingOptions>(o => o.Targets = [target]);
        services.AddSingleton<ParsedFiles>();
        services.AddSingleton<ReleaseStore>();
        services.AddSingleton<IPublishTargets, PublishTargets>();
        services.AddSingleton<Promtool>();
        services.AddSingleton<DeployHooks>();
        services.AddSingleton<IReviewGates, NoReviewGates>();
        services.AddSingleton<TargetDeployer>();
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        services.AddSingleton<IPublisher, Publisher>();
        return services.BuildServiceProvider();
    }

    private static async Task<Process> StartPrometheusAsync(string home, string rules, int port)
    {
        var config = Path.Combine(home, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"global:\n  evaluation_interval: 30s\nrule_files:\n  - \"{rules}/*.yml\"\n");
        var process = Process.Start(new ProcessStartInfo("prometheus",
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(home, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/-/ready")).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the benchmark's Prometheus did not start");
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P90(List<double> values) => values.Order().ElementAt(Math.Min(values.Count - 1, (int)Math.Ceiling(values.Count * 0.9) - 1));
}
