using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Integration.Security;

/// <summary>
/// TestServer's requests come from no address at all; with this, a test says which address a request comes
/// from (a proxy, a stranger) in <see cref="Header"/>, and the portal sees it as the connection's peer.
/// </summary>
internal static class TestPeer
{
    public const string Header = "X-Test-Peer";

    /// <summary>The same portal with peers taken from <see cref="Header"/>; disposed along with <paramref name="portal"/>.</summary>
    public static WebApplicationFactory<Program> WithPeers(this PortalFactory portal, Action<IServiceCollection>? services = null) =>
        portal.WithWebHostBuilder(builder => builder.ConfigureServices(collection =>
        {
            collection.AddSingleton<IStartupFilter, PeerFilter>();
            services?.Invoke(collection);
        }));

    /// <summary>A client that neither follows redirects nor keeps cookies, sending every request from <paramref name="peer"/>.</summary>
    public static HttpClient ClientFrom(this WebApplicationFactory<Program> portal, string peer)
    {
        var http = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Add(Header, peer);
        return http;
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return rest(context);
            });
            next(app);
        };
    }
}
