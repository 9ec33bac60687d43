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
            if (!context.Request.Cookies.ContainsKey(CookieName))
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
