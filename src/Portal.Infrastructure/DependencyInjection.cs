using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Caching;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Health;
using Portal.Infrastructure.Metrics;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;
using Portal.Infrastructure.Tuning;
using StackExchange.Redis;

namespace Portal.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Portal";

    public static IHostApplicationBuilder AddPortalInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.Configure<Cluster.ClusterOptions>(config.GetSection(Cluster.ClusterOptions.Section));
        services.AddSingleton<Cluster.ReplicaIdentity>();
        services.Configure<Cluster.ChangeFeedOptions>(config.GetSection(Cluster.ChangeFeedOptions.Section));
        services.AddSingleton<Cluster.ChangeFeed>();
        services.AddSingleton<Cluster.IChangeFeed>(sp => sp.GetRequiredService<Cluster.ChangeFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<Cluster.ChangeFeed>());
        Cluster.ReplicaKeys.AddReplicaKeys(builder);
        services.AddSingleton<Cluster.ReplicaDirectory>();
        services.AddSingleton<Cluster.IReplicaDirectory>(sp => sp.GetRequiredService<Cluster.ReplicaDirectory>());
        services.AddHostedService<Cluster.ReplicaHeartbeat>();

        // No built-in default: a guessed address and password would only fail later, less clearly.
        var connectionString = config.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Set it (for example ConnectionStrings__{ConnectionStringName}=\"Host=...;Username=...;Password=...;Database=...\"), " +
                "or start the portal with `./portal up`, which sets it for the local stack.");
        services.AddDbContextFactory<PortalDbContext>(options => options
            // Named: unnamed, Npgsql labels its metrics with the connection string (host, port, user, database) on the anonymous /metrics.
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(DatabaseMigrations.AssemblyName).ConfigureDataSource(source => source.Name = "portal"))
            .AddInterceptors(new DbCommandTimer()));
        services.AddSingleton<DatabaseMigrations>();
        services.Configure<Cluster.LeaderOptions>(config.GetSection(Cluster.LeaderOptions.Section));
        services.AddSingleton<Cluster.ILeaderLocks>(sp => new Cluster.LeaderLocks(connectionString, sp.GetRequiredService<Cluster.ReplicaIdentity>(),
            sp.GetRequiredService<IOptions<Cluster.LeaderOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Cluster.LeaderLocks>>()));
        services.AddSingleton<IRuleStore, RuleStore>();
        services.AddSingleton<Reviews.IReviewStore, Reviews.ReviewStore>();
        services.AddSingleton<Runbooks.IRunbookStore, Runbooks.RunbookStore>();
        services.AddSingleton<Capacity.ICapacityStore, Capacity.CapacityStore>();
        services.AddSingleton<Incidents.IIncidentStore, Incidents.IncidentStore>();
        services.Configure<Capacity.CapacityOptions>(config.GetSection(Capacity.CapacityOptions.Section));
        services.AddSingleton<Capacity.ICapacityEvaluator, Capacity.CapacityEvaluator>();
        services.AddSingleton<ICatalogLifecycle>(sp => (RuleStore)sp.GetRequiredService<IRuleStore>());
        services.Configure<RulesOptions>(config.GetSection(RulesOptions.Section));

        services.Configure<RedisOptions>(config.GetSection(RedisOptions.Section));
        // Lazy so that the portal starts (and serves pages) while Redis is still down.
        services.AddSingleton(sp => new Lazy<IConnectionMultiplexer>(() =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            options.AbortOnConnectFail = false;
            // The client-side guard only; the health check needs INFO for the memory figure.
            options.AllowAdmin = true;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            options.AsyncTimeout = 2000;
            return ConnectionMultiplexer.Connect(options);
        }));

        services.Configure<PrometheusOptions>(config.GetSection(PrometheusOptions.Section));
        services.AddHttpClient<IPrometheus, PrometheusClient>(ConfigurePrometheus)
            .AddStandardResilienceHandler().Configure(ConfigureResilience);
        services.AddHttpClient(PrometheusMetadataProxy.ClientName, ConfigurePrometheus)
            .AddStandardResilienceHandler().Configure(ConfigureResilience);
        services.AddSingleton<PrometheusMetadataProxy>();
        services.AddSingleton<PrometheusStatus>();
        services.AddSingleton<RangeFetches>();
        services.AddSingleton<RangeMemory>();
        services.Configure<Lint.LiveLintOptions>(config.GetSection(Lint.LiveLintOptions.Section));
        services.AddSingleton<Lint.LiveLintCache>();
        services.AddSingleton<Lint.LiveRuleErrors>();
        services.AddTransient<Lint.ILiveLinter, Lint.LiveLinter>();
        services.AddTransient<IRangeQueries, QueryCache>();
        services.AddTransient<ITuningData, TuningDataLoader>();
        services.AddSingleton<IRuleNoise, RuleNoise>();
        services.AddSingleton<ITuningTargets, TuningTargets>();
        services.Configure<NoiseOptions>(config.GetSection(NoiseOptions.Section));
        services.Configure<TuningAdviceOptions>(config.GetSection(TuningAdviceOptions.Section));
        services.AddSingleton<NoiseMeasurement>();
        services.AddHostedService(sp => sp.GetRequiredService<NoiseMeasurement>());

        services.AddSingleton<Audit.IAuditLog, Audit.AuditLog>();
        services.AddSingleton<Access.AccessGuard>();
        services.Configure<Identity.AdminOptions>(config.GetSection(Identity.AdminOptions.Section));
        services.AddIdentityCore<Identity.PortalUser>(options =>
            {
                // Length over composition rules (as NIST 800-63B advises): twelve characters, any kind.
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<Microsoft.AspNetCore.Identity.IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<Identity.IApiTokens, Identity.ApiTokens>();
        services.AddSingleton<Identity.IUserSessions, Identity.UserSessions>();
        services.AddSingleton<Identity.IUserDirectory, Identity.UserDirectory>();
        services.AddSingleton<Identity.ITeams, Identity.Teams>();
        services.AddSingleton<Identity.IdentityBootstrap>();
        services.AddHostedService<Identity.IdentityBootstrapService>();
        services.Configure<PublishingOptions>(config.GetSection(PublishingOptions.Section));
        services.AddHttpClient(TargetDeployer.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<ParsedFiles>();
        services.AddSingleton<ReleaseStore>();
        services.AddSingleton<IReleaseStore>(sp => sp.GetRequiredService<ReleaseStore>());
        services.AddSingleton<IPublishTargets, PublishTargets>();
        services.AddSingleton<Promtool>();
        services.AddSingleton<DeployHooks>();
        services.AddSingleton<IReviewGates, Reviews.ReviewGates>();
        services.AddSingleton<TargetDeployer>();
        services.AddSingleton<IPublisher, Publisher>();
        services.AddSingleton<PublishingMonitor>();
        services.Configure<Live.LiveOptions>(config.GetSection(Live.LiveOptions.Section));
        // No resilience handler: a target that is down is reported at once, and the next read is a few seconds away.
        services.AddHttpClient(Live.LiveSnapshots.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<Live.LiveSnapshots>();
        services.AddSingleton<Live.ILiveAlerts, Live.LiveAlerts>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishingMonitor>());
        services.Configure<Runbooks.PortalUrlOptions>(config.GetSection(Runbooks.PortalUrlOptions.Section));
        services.Configure<Runbooks.RunbookLinkOptions>(config.GetSection(Runbooks.RunbookLinkOptions.Section));
        // Redirects are answers, not hops: following one could lead to a host the configuration does not allow.
        services.AddHttpClient(Runbooks.RunbookLinkChecker.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<Runbooks.IRunbookCoverage, Runbooks.RunbookCoverage>();
        services.AddSingleton<Home.IHomeOverview, Home.HomeOverview>();
        services.AddSingleton<Runbooks.RunbookLinkChecker>();
        services.AddTransient<Incidents.IIncidentEvidence, Incidents.IncidentEvidenceGatherer>();
        services.AddHostedService(sp => sp.GetRequiredService<Runbooks.RunbookLinkChecker>());

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("db", tags: ["db"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<CacheHealthCheck>("cache", tags: ["cache"], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<PrometheusHealthCheck>("prometheus", tags: ["prometheus"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<RulesHealthCheck>("rules", tags: ["rules"], timeout: TimeSpan.FromSeconds(5));

        services.Configure<StatusOptions>(config.GetSection(StatusOptions.Section));
        // No resilience handler: StatusReporter bounds every call itself, and a dead server is news, not something to retry.
        services.AddHttpClient(StatusReporter.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<PromtoolProbe>();
        services.AddSingleton<IStatusReporter, StatusReporter>();
        services.AddSingleton<HealthHistory>();
        services.AddSingleton<SharedLiveChecks>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<HealthHistory>());
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(2);
            options.Period = HealthHistory.Period;
        });

        PortalMetrics.Initialize();
        return builder;
    }

    private static void ConfigurePrometheus(IServiceProvider sp, HttpClient http)
    {
        var options = sp.GetRequiredService<IOptions<PrometheusOptions>>().Value;
        var url = options.Url.ToString();
        http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        // The resilience handler owns timeouts; this only stops HttpClient's own 100 s default
        // from cutting a legitimately long range query short.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>One attempt may take <c>Prometheus:Timeout</c>; with its one retry the whole call gets twice that and a little.</summary>
    private static void ConfigureResilience(HttpStandardResilienceOptions options, IServiceProvider sp)
    {
        var attempt = sp.GetRequiredService<IOptions<PrometheusOptions>>().Value.Timeout;
        options.AttemptTimeout.Timeout = attempt;
        options.TotalRequestTimeout.Timeout = attempt * 2 + TimeSpan.FromSeconds(5);
        // The breaker refuses a sampling window shorter than two attempts.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(60).Ticks, (attempt * 2).Ticks));
        options.Retry.MaxRetryAttempts = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
    }
}
