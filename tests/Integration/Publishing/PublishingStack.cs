using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Integration.Publishing;

/// <summary>
/// The test stack's Prometheus pair (each with its own rules directory, from Publishing__Targets__N__*),
/// a migrated database of this fixture's own, and the real publisher on top. The rules directories are
/// shared by every test that publishes, so those tests run one at a time and the fixture empties the
/// directories before and after.
/// </summary>
public sealed class PublishingStack : IAsyncLifetime
{
    public const string Collection = "rule-directories";

    private readonly List<ServiceProvider> _providers = [];

    public string Database { get; private set; } = "";

    public IReadOnlyList<PublishTargetOptions> Pair { get; } = [Target(0, "prometheus-a", 59190), Target(1, "prometheus-b", 59191)];

    /// <summary>Services for a publisher with these targets (the pair unless told otherwise), all on the same database.</summary>
    public IServiceProvider Services(IReadOnlyList<PublishTargetOptions>? targets = null, DeployHooks? hooks = null, IReviewGates? reviews = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddDbContextFactory<PortalDbContext>(o => o.UseNpgsql(TestStack.DatabaseConnection(Database),
            npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName)));
        services.AddSingleton<DatabaseMigrations>();
        services.AddSingleton<IRuleStore, RuleStore>();
        services.AddHttpClient(TargetDeployer.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.Configure<PublishingOptions>(o =>
        {
            o.Targets = [.. targets ?? Pair];
            o.Promtool = TestStack.Promtool;
            o.VerifyTimeout = TimeSpan.FromSeconds(15);
            o.RetryFirst = TimeSpan.Zero;
            // Targets of their own live in temporary directories next to the stack's pair.
            o.AllowedRoots = [.. (targets ?? Pair).Select(t => t.RulesDirectory), Path.GetTempPath()];
        });
        services.AddSingleton<ParsedFiles>();
        services.AddSingleton<ReleaseStore>();
        services.AddSingleton<IReleaseStore>(sp => sp.GetRequiredService<ReleaseStore>());
        services.AddSingleton<IPublishTargets, PublishTargets>();
        services.AddSingleton<Promtool>();
        services.AddSingleton(hooks ?? new DeployHooks());
        services.AddSingleton<Portal.Infrastructure.Reviews.IReviewStore, Portal.Infrastructure.Reviews.ReviewStore>();
        if (reviews is null)
        {
            services.AddSingleton<IReviewGates, Portal.Infrastructure.Reviews.ReviewGates>();
        }
        else
        {
            services.AddSingleton(reviews);
        }
        services.AddSingleton<TargetDeployer>();
        services.AddSingleton<Portal.Infrastructure.Audit.IAuditLog, Portal.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<Portal.Infrastructure.Access.AccessGuard>();
        services.AddSingleton<IPublisher, Publisher>();
        // Each publisher stack leads the monitor's retries as its own replica (see Cluster.LeaderLockTests).
        services.AddSingleton<Portal.Infrastructure.Cluster.ILeaderLocks>(_ => Cluster.LeaderLockTests.Replica(Database, "publishing-" + _providers.Count));
        services.AddSingleton<PublishingMonitor>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    public IPublisher Publisher => Services().GetRequiredService<IPublisher>();

    public IRuleStore Rules => Services().GetRequiredService<IRuleStore>();

    public async Task InitializeAsync()
    {
        Database = await TestStack.CreateDatabaseAsync("publishing");
        await Services().GetRequiredService<DatabaseMigrations>().ApplyAsync(default);
        await EmptyRulesDirectoriesAsync();
    }

    public async Task DisposeAsync()
    {
        await EmptyRulesDirectoriesAsync();
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await TestStack.DropDatabaseAsync(Database);
    }

    /// <summary>Removes every rule file of both replicas and reloads them, so no test inherits another's rules.</summary>
    public async Task EmptyRulesDirectoriesAsync()
    {
        foreach (var target in Pair)
        {
            foreach (var file in Directory.EnumerateFiles(target.RulesDirectory, "*.yml"))
            {
                File.Delete(file);
            }

            using var http = new HttpClient { BaseAddress = target.Url };
            (await http.PostAsync("-/reload", null)).EnsureSuccessStatusCode();
        }
    }

    public static IPrometheus Prometheus(PublishTargetOptions target) =>
        new PrometheusClient(new HttpClient { BaseAddress = target.Url });

    /// <summary>A target from the stack's environment (./portal writes Publishing__Targets__N__* into it).</summary>
    private static PublishTargetOptions Target(int index, string name, int port) => new()
    {
        Name = Env($"Publishing__Targets__{index}__Name") ?? name,
        Url = new Uri(Env($"Publishing__Targets__{index}__Url") ?? $"http://127.0.0.1:{port}"),
        RulesDirectory = Env($"Publishing__Targets__{index}__RulesDirectory")
            ?? throw new InvalidOperationException($"Publishing__Targets__{index}__RulesDirectory is not set: run the tests through ./portal test, or source .stack/test/env."),
    };

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>A Prometheus server of a test's own (to stop and start), reading a rules directory of its own.</summary>
    public sealed class OwnPrometheus : IAsyncDisposable
    {
        private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("portal-prometheus-");
        private Process? _process;

        public int Port { get; } = TestStack.FreeLoopbackPort();

        public string RulesDirectory => Path.Combine(_home.FullName, "rules");

        public PublishTargetOptions Target(string name) => new() { Name = name, Url = new Uri($"http://127.0.0.1:{Port}"), RulesDirectory = RulesDirectory };

        public async Task StartAsync()
        {
            Directory.CreateDirectory(RulesDirectory);
            var config = Path.Combine(_home.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"global:\n  evaluation_interval: 5s\nrule_files:\n  - \"{RulesDirectory}/*.yml\"\n");
            _process = Process.Start(new ProcessStartInfo(Env("PORTAL_PROMETHEUS") ?? "prometheus",
                [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_home.FullName, "data")}",
                 $"--web.listen-address=127.0.0.1:{Port}", "--web.enable-lifecycle"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("prometheus did not start");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    if ((await http.GetAsync("-/ready")).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"prometheus did not become ready on {Port} within 30 s");
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process?.Dispose();
            _home.Delete(recursive: true);
        }
    }
}

[CollectionDefinition(PublishingStack.Collection)]
public sealed class PublishingCollection : ICollectionFixture<PublishingStack>;
