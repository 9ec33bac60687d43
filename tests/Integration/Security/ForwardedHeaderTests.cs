using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Audit;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>
/// <c>X-Forwarded-For</c> names the client only when a configured proxy sends it: then each person behind
/// the proxy has an address (and a sign-in budget) of their own; from anyone else the header changes nothing.
/// </summary>
public sealed class ForwardedHeaderTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Proxy = "10.9.0.1";
    private const string Throttled = "Too many sign-in attempts";

    // Two sign-in attempts per address (and plenty per name), in a window no test sees roll over.
    private PortalFactory Portal(string? knownProxies) => new(new Dictionary<string, string?>(ApiPortal.Settings(api.Database, ApiPortal.Token))
    {
        ["RateLimits:SignInAddress:PermitLimit"] = "2",
        ["RateLimits:SignInAddress:Window"] = "00:10:00",
        ["Portal:KnownProxies:0"] = knownProxies,
    });

    private static string NewName() => "fwd-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<string> SignInAsync(WebApplicationFactory<Program> portal, string peer, string? forwardedFor, string name)
    {
        using var http = portal.ClientFrom(peer);
        if (forwardedFor is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await PortalFactory.PostSignInAsync(http, name, "not-the-password");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task FromAKnownProxy_EachForwardedClient_HasItsOwnBudget_AndIsTheAuditedAddress()
    {
        await using var portal = Portal("10.9.0.0/24");
        var peers = portal.WithPeers();
        var name = NewName();

        // Fetching the form and posting it are two requests; only the post counts against the budget.
        Assert.DoesNotContain(Throttled, await SignInAsync(peers, Proxy, "203.0.113.5", name));
        Assert.DoesNotContain(Throttled, await SignInAsync(peers, Proxy, "203.0.113.5", NewName()));
        Assert.Contains(Throttled, await SignInAsync(peers, Proxy, "203.0.113.5", NewName()));
        Assert.DoesNotContain(Throttled, await SignInAsync(peers, Proxy, "203.0.113.6", NewName()));

        var audit = await peers.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: name, Action: "signin.failure"), CancellationToken.None);
        Assert.Equal("203.0.113.5", Assert.Single(audit.Items).ClientAddress);
    }

    [Fact]
    public async Task FromAnAddressThatIsNotAKnownProxy_TheHeaderIsIgnored()
    {
        await using var portal = Portal("10.9.0.0/24");
        var peers = portal.WithPeers();
        var name = NewName();

        Assert.DoesNotContain(Throttled, await SignInAsync(peers, "10.8.0.1", "203.0.113.7", name));
        Assert.DoesNotContain(Throttled, await SignInAsync(peers, "10.8.0.1", "203.0.113.8", NewName()));
        Assert.Contains(Throttled, await SignInAsync(peers, "10.8.0.1", "203.0.113.9", NewName()));

        var audit = await peers.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: name, Action: "signin.failure"), CancellationToken.None);
        Assert.Equal("10.8.0.1", Assert.Single(audit.Items).ClientAddress);
    }

    [Fact]
    public async Task WithoutKnownProxies_NoAddressIsTrusted_NotEvenLoopback()
    {
        await using var portal = Portal(null);
        var peers = portal.WithPeers();

        Assert.DoesNotContain(Throttled, await SignInAsync(peers, "127.0.0.1", "203.0.113.10", NewName()));
        Assert.DoesNotContain(Throttled, await SignInAsync(peers, "127.0.0.1", "203.0.113.11", NewName()));
        Assert.Contains(Throttled, await SignInAsync(peers, "127.0.0.1", "203.0.113.12", NewName()));
    }

    [Fact]
    public async Task AChainOfKnownProxies_IsFollowedBackToTheFirstAddressNoProxyVouchesFor()
    {
        await using var portal = Portal("10.9.0.0/24");
        var peers = portal.WithPeers();
        var name = NewName();

        // The client made up the first entry; the second proxy (10.9.0.2) says the client connected from 198.51.100.1.
        await SignInAsync(peers, Proxy, "192.0.2.66, 198.51.100.1, 10.9.0.2", name);

        var audit = await peers.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: name, Action: "signin.failure"), CancellationToken.None);
        Assert.Equal("198.51.100.1", Assert.Single(audit.Items).ClientAddress);
    }

    [Fact]
    public async Task AKnownProxyThatIsNotAnAddress_StopsThePortalFromStarting()
    {
        await using var portal = Portal("10.9.0.1/8");

        var error = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains("KnownProxies", error.ToString());
    }
}
