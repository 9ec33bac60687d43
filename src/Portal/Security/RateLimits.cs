using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Api.V1;

namespace Portal.Security;

/// <summary>
/// Per-client limits on the API endpoints that make the portal work hard (Prometheus range queries,
/// promtool, rule-file writes and reloads); see <see cref="Client"/> for who a client is. The counters live
/// in this process: replicas behind a load balancer each count on their own (decision 0020).
/// </summary>
public static class RateLimits
{
    public const string Section = "RateLimits";

    public const string Backtest = "backtest";
    public const string Sweep = "sweep";
    public const string Lint = "lint";
    /// <summary>Publish and rollback: both render, check, write and reload every target.</summary>
    public const string Publish = "publish";

    /// <summary>Runbook full-text search: ranking and headlines read whole documents.</summary>
    public const string RunbookSearch = "runbook-search";

    /// <summary>
    /// The sign-in form's limit, on top of Identity's lockout (which guards one existing account at a time):
    /// every sign-in attempt counts against the client's address (a generous budget) and, apart from that,
    /// against the user name tried. Not a middleware policy: the user name is in the form, which only the page has bound, so
    /// <c>LoginPage</c> asks <see cref="SignInThrottle"/> itself and answers 429 with a message on the page.
    /// </summary>
    public const string SignIn = "sign-in";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitSettings>().BindConfiguration(Section);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Backtest, context => PerClient(context, s => s.Backtest));
            options.AddPolicy(Sweep, context => PerClient(context, s => s.Sweep));
            options.AddPolicy(Lint, context => PerClient(context, s => s.Lint));
            options.AddPolicy(Publish, context => PerClient(context, s => s.Publish));
            options.AddPolicy(RunbookSearch, context => PerClient(context, s => s.RunbookSearch));
            options.OnRejected = (rejected, _) =>
            {
                TimeSpan? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
                if (retryAfter is { } seconds)
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(seconds).ToString(CultureInfo.InvariantCulture);
                }

                return new ValueTask(ApiProblems.TooManyRequests(retryAfter).ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitSettings, RateLimit> pick)
    {
        var limit = pick(context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitSettings>>().CurrentValue);
        return FixedWindow(Client(context), limit);
    }

    /// <summary>A limiter per key, created on the key's first request with the limits of that moment; nothing queues.</summary>
    internal static RateLimitPartition<string> FixedWindow(string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>Whole seconds for <c>Retry-After</c> and for people: rounded up, never zero.</summary>
    internal static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>
    /// Whose budget a call spends. Authentication has run by now (the limiter comes after it), so a call with
    /// an API token spends that token's, a signed-in user's call the user's, and only callers nobody vouched
    /// for share their address's: one client's flood never touches another's budget, and made-up tokens buy
    /// none (they do not get past authorization).
    /// </summary>
    internal static string Client(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            return user.FindFirst(Infrastructure.Identity.PortalClaims.Token)?.Value is { Length: > 0 } token
                ? "token:" + token
                : "user:" + (user.Identity.Name ?? "").ToUpperInvariant();
        }

        // The client's address, which behind known proxies is the forwarded one (ClientAddresses).
        return "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}

/// <summary>The <c>RateLimits</c> configuration section.</summary>
public sealed class RateLimitSettings
{
    public RateLimit Backtest { get; set; } = new() { PermitLimit = 60 };
    public RateLimit Sweep { get; set; } = new() { PermitLimit = 60 };
    public RateLimit Lint { get; set; } = new() { PermitLimit = 60 };
    public RateLimit Publish { get; set; } = new() { PermitLimit = 10 };
    public RateLimit RunbookSearch { get; set; } = new() { PermitLimit = 300 };
    /// <summary>Sign-in attempts per user name tried.</summary>
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 10 };

    /// <summary>
    /// Sign-in attempts per client address; unset, ten times <see cref="SignIn"/>. Generous on purpose: many
    /// people may share an address (an office, a proxy without <c>Portal:KnownProxies</c>), and one of them
    /// typing junk must not lock the others out; the per-name budget and Identity's lockout guard accounts.
    /// </summary>
    public RateLimit? SignInAddress { get; set; }

    internal RateLimit SignInPerAddress => SignInAddress is { PermitLimit: > 0 } set ? set
        : new RateLimit { PermitLimit = (int)Math.Min(int.MaxValue, SignIn.PermitLimit * 10L), Window = SignIn.Window };
}

/// <summary>At most <see cref="PermitLimit"/> requests per client in each <see cref="Window"/>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
