using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Portal.Security;

/// <summary>
/// The client's address behind reverse proxies: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> count
/// only on requests that come from one of <c>Portal:KnownProxies</c>, hop by hop, and nothing is trusted by
/// default. The address feeds the anonymous rate limits, the sign-in throttle and the audit log, so a shared
/// proxy is not one client and a stranger cannot pick an address by sending the header.
/// </summary>
public static class ClientAddresses
{
    public static IServiceCollection AddClientAddresses(this IServiceCollection services)
    {
        services.AddOptions<ProxySettings>().BindConfiguration(ProxySettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxySettings>, ProxyValidation>();
        return services;
    }

    /// <summary>First in the pipeline: remembers the connection's own peer, then applies forwarded headers from known proxies.</summary>
    public static IApplicationBuilder UseClientAddresses(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            context.Features.Set(new DirectPeer(context.Connection.RemoteIpAddress));
            return next(context);
        });
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ProxySettings>>().Value.Entries;
        // ForwardedHeadersMiddleware believes every sender when it knows no proxy, so without any it is left out.
        return proxies.Count == 0 ? app : app.UseForwardedHeaders(Options(proxies));
    }

    internal static ForwardedHeadersOptions Options(IEnumerable<string> proxies)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Every hop must be a known proxy for the walk back to go on, so the chain needs no length limit.
            ForwardLimit = null,
        };
        // The framework trusts loopback out of the box; here only what is configured counts.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in proxies)
        {
            _ = TrustedProxies.TryParseOne(entry, out var network);
            options.KnownIPNetworks.Add(network);
            // A dual-stack socket reports an IPv4 proxy as ::ffff:10.0.0.5: the same range, written the IPv6 way.
            if (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                options.KnownIPNetworks.Add(new System.Net.IPNetwork(network.BaseAddress.MapToIPv6(), 96 + network.PrefixLength));
            }
        }

        return options;
    }
}

/// <summary>The peer of the connection itself, before forwarded headers replaced it with the client's address.</summary>
public sealed record DirectPeer(IPAddress? Address)
{
    /// <summary>The connection's peer, also on requests that did not pass <see cref="ClientAddresses.UseClientAddresses"/>.</summary>
    public static IPAddress? Of(HttpContext context) => context.Features.Get<DirectPeer>() is { } peer ? peer.Address : context.Connection.RemoteIpAddress;
}

/// <summary>The proxies of the <c>Portal</c> configuration section.</summary>
public sealed class ProxySettings
{
    public const string Section = "Portal";

    /// <summary>Addresses (<c>10.0.0.5</c>) or ranges (<c>10.0.0.0/24</c>) of reverse proxies whose forwarded headers count. Empty: none.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The entries that say something: an empty one (<c>Portal__KnownProxies__0=</c>) trusts nobody.</summary>
    internal List<string> Entries => KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
}

internal sealed class ProxyValidation : IValidateOptions<ProxySettings>
{
    public ValidateOptionsResult Validate(string? name, ProxySettings options) =>
        options.Entries.FirstOrDefault(p => !TrustedProxies.TryParseOne(p, out _)) is { } bad
            ? ValidateOptionsResult.Fail($"Portal:KnownProxies: '{bad}' is neither an address nor a range (10.0.0.0/24; the host bits must be zero).")
            : ValidateOptionsResult.Success;
}
