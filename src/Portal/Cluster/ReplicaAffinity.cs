using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Cluster;

namespace Portal.Cluster;

/// <summary>
/// The cookie a load balancer keeps a browser on one replica by (deploy/nginx/portal.conf.tmpl hashes it). A Blazor
/// Server circuit lives in one process: the negotiate request, the WebSocket and every reconnect must reach the
/// replica that holds it, while different browsers spread over all of them. nginx without the commercial
/// <c>sticky</c> directive cannot issue such a cookie itself, so the portal does, on the first response to a browser
/// that has none. It carries nothing but randomness; a browser without it (the very first page, which is prerendered
/// and keeps no state) may land anywhere.
/// </summary>
public static class ReplicaAffinity
{
    public const string CookieName = "portal.affinity";

    /// <summary>Only when <c>Cluster:AffinityCookie</c> is set: a single portal has no use for it.</summary>
    public static IApplicationBuilder UseReplicaAffinity(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<ReplicaAffinityOptions>>().Value.AffinityCookie)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            // A cookie the balancer would not hash (forged, truncated, from an older scheme) is as good as none: the
            // browser would be balanced round-robin for ever, and its circuit's requests would land on other replicas.
            if (!context.Request.Cookies.TryGetValue(CookieName, out var sent) || !IsValid(sent))
            {
                context.Response.Cookies.Append(CookieName, NewValue(), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    Path = "/",
                    IsEssential = true,
                });
            }

            return next(context);
        });
    }

    /// <summary>
    /// What nginx's map in deploy/nginx/portal.conf.tmpl accepts as a hash key: 1 to 64 of A-Z, a-z, 0-9, '-' and '_'.
    /// Keep the two in step.
    /// </summary>
    internal static bool IsValid(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>128 random bits in the characters nginx's map in portal.conf.tmpl accepts (URL-safe base64, no padding).</summary>
    internal static string NewValue() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The <c>Cluster</c> section as far as the affinity cookie reads it.</summary>
public sealed class ReplicaAffinityOptions
{
    /// <summary>Set the <see cref="ReplicaAffinity.CookieName"/> cookie; on behind a load balancer with several replicas.</summary>
    public bool AffinityCookie { get; set; }
}
