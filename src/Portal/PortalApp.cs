using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;
using Portal.Api;
using Portal.Api.V1;
using Portal.Components;
using Portal.Infrastructure.Persistence;
using Portal.Security;
using Prometheus;

namespace Portal;

/// <summary>The web half of the composition root: UI services, middleware and endpoints.</summary>
public static class PortalApp
{
    public static IServiceCollection AddPortalUi(this IServiceCollection services, IHostEnvironment environment)
    {
        // Exception messages and stack traces reach the browser only on a developer's machine.
        services.AddRazorComponents(options => options.DetailedErrors = environment.IsDevelopment())
            .AddInteractiveServerComponents(options => options.DetailedErrors = environment.IsDevelopment())
            .AddHubOptions(options => options.MaximumReceiveMessageSize = BlazorHub.MaximumReceiveMessageSize);
        // How long and how many disconnected circuits are kept for a reconnect is a memory budget: an operator sets it
        // (section Circuits: DisconnectedCircuitRetentionPeriod, DisconnectedCircuitMaxRetained, ...), Blazor's defaults otherwise.
        services.AddOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>().BindConfiguration("Circuits");
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddProblemDetails();
        services.AddApiV1();
        services.AddScoped<Features.Incidents.IncidentNotices>();

        // Sign-in: Identity's cookie for people, the API's bearer tokens for scripts. Every endpoint needs a
        // signed-in user unless it says otherwise (health, metrics, static files); /api/v1 needs a token instead.
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Security.RevalidatingIdentityStateProvider>();
        // Behind an authenticating proxy, its user header may stand in for the cookie (off unless configured).
        services.AddAuthentication(TrustedHeaders.Selector).AddTrustedHeaders().AddApiTokens().AddIdentityCookies();
        services.AddServerSessions();
        services.AddClientAddresses();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "portal.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // Signing in on the login page would send the browser to its raw ?ReturnUrl= (any "/x" path, tabs and
            // non-ASCII included); the page redirects itself, through LocalReturnUrl, instead.
            cookie.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
        });
        services.AddAuthorization(options => options.FallbackPolicy =
            new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddOptions<HubOriginSettings>().BindConfiguration("Portal");
        services.AddOptions<Cluster.ReplicaAffinityOptions>().BindConfiguration(Infrastructure.Cluster.ClusterOptions.Section);
        services.AddPortalRateLimits();
        services.AddSingleton<SignInThrottle>();
        return services;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        // Before everything that looks at the client's address (limits, sign-in throttle, audit).
        app.UseClientAddresses();
        // Before anything that may create a data-protection key, so that the first key is made under the lock.
        Cluster.KeyRingGateMiddleware.UseKeyRingGate(app);
        // After the forwarded scheme is known (the cookie is Secure behind a TLS-terminating balancer).
        Cluster.ReplicaAffinity.UseReplicaAffinity(app);
        // Early, so error pages, 404s and rate-limit answers carry the headers too.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // In every environment (decision 0021): the developer exception page, which would show a stack trace to
        // anyone, never runs; pages get the error page, API callers problem details with the traceId of the log line.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiV1.Prefix),
            api => api.UseExceptionHandler(ApiProblems.ExceptionHandling()));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseHttpMetrics(options =>
        {
            // http_requests_total is ours (method, code): prometheus-net's own counter has another name.
            options.RequestCount.Enabled = false;
            options.InProgress.Enabled = false;
        });
        app.Use(async (context, next) =>
        {
            await next(context);
            Infrastructure.Metrics.PortalMetrics.HttpRequests
                .WithLabels(context.Request.Method, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Inc();
        });
        app.UseMiddleware<BlazorHubOriginCheck>();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: the caller is known, so limits count per token or user, and a refused call costs no budget.
        app.UseRateLimiter();
        app.UseSignInFormWithoutNul();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapMetrics("/metrics").AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapPrometheusMetadataProxy();
        app.MapApiV1();
        app.MapSignOut();
        // The pages' own download links: signed in by cookie, like the pages themselves.
        app.MapGet("/rules/export", (string? format, string? @namespace, Infrastructure.Catalog.IRuleStore store, TimeProvider clock, CancellationToken ct) =>
            Api.V1.ExportEndpoints.ExportAsync(format, @namespace, store, clock, ct));
        app.MapGet("/releases/{number:long}/download", Api.V1.PublishingEndpoints.DownloadAsync);
        app.MapGet("/incidents/{id:guid}/export.md", Features.Incidents.IncidentExport.DownloadAsync);
        app.MapGet(Components.PortalRoutes.AuditExport, async (string? actor, string? action, string? subject, DateTimeOffset? from, DateTimeOffset? to,
                Infrastructure.Audit.IAuditLog audit, CancellationToken ct) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(await audit.CsvAsync(new(actor, action, subject, from, to), ct)), "text/csv; charset=utf-8", "audit.csv"))
            // Like the Admin page it comes from: addresses and before/after values are for Admins.
            .RequireAuthorization(policy => policy.RequireRole(nameof(Domain.Access.PortalRole.Admin)));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        var migrations = app.Services.GetRequiredService<DatabaseMigrations>();
        var pending = await migrations.PendingAsync(CancellationToken.None);
        await migrations.ApplyAsync(CancellationToken.None);
        app.Logger.LogInformation("Applied {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));
        // The first data-protection key too. Not required for correctness any more: replicas started together agree on
        // one under an advisory lock (Cluster/ReplicaKeys, ReplicaKeyRing.StartingAsync); here it only saves that wait.
        _ = app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
            .CreateProtector("Portal.Cluster.KeyRing").Protect("ready"u8.ToArray());
        // The first admin exists before the portal serves anyone, so ./portal up can say where the password is.
        await app.Services.GetRequiredService<Infrastructure.Identity.IdentityBootstrap>().EnsureAsync(CancellationToken.None);
        return 0;
    }

    /// <summary>
    /// Outside Development the schema is changed by the deployment (the SQL script or a bundle),
    /// never by the app; starting against an old schema would fail later and less clearly.
    /// </summary>
    public static async Task RefusePendingMigrationsAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            return;
        }

        IReadOnlyList<string> pending;
        try
        {
            pending = await app.Services.GetRequiredService<DatabaseMigrations>().PendingAsync(CancellationToken.None);
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            // PostgreSQL is down (restarting with the portal, say): start anyway, so /health says why, and check when it is back.
            app.Logger.LogWarning("The database could not be reached at start-up ({Problem}); the portal starts and checks for pending migrations once it is back",
                e.GetBaseException().Message);
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            _ = Task.Run(() => RefusePendingMigrationsLaterAsync(app, lifetime), CancellationToken.None);
            return;
        }

        if (pending.Count > 0)
        {
            throw new InvalidOperationException(PendingMessage(pending));
        }
    }

    private static string PendingMessage(IReadOnlyList<string> pending) =>
        $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). " +
        "Apply migrations/portal.sql (or run the portal with the 'migrate' argument) before starting it.";

    /// <summary>The start-up check, once the database answers: an old schema still stops the portal, only later.</summary>
    private static async Task RefusePendingMigrationsLaterAsync(WebApplication app, IHostApplicationLifetime lifetime)
    {
        var stopping = lifetime.ApplicationStopping;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stopping);
                var pending = await app.Services.GetRequiredService<DatabaseMigrations>().PendingAsync(stopping);
                if (pending.Count > 0)
                {
                    app.Logger.LogCritical("{Problem} Stopping.", PendingMessage(pending));
                    lifetime.StopApplication();
                }

                return;
            }
            catch (Exception e) when (DatabaseUnavailable.Is(e))
            {
                // Still away; the next round tries again.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
