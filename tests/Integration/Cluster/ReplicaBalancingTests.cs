using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Cluster;

namespace Portal.Tests.Integration.Cluster;

/// <summary>nginx in front of the replicas: sticky by the portal's affinity cookie, spread across browsers; each replica names itself and reports its heartbeat.</summary>
public sealed class ReplicaBalancingTests
{
    [ReplicaFact]
    public async Task AFirstResponseWithoutTheCookie_SetsARandomHttpOnlyLaxAffinityCookie()
    {
        using var http = ReplicaStack.Client(ReplicaStack.Balancer);

        using var first = await http.GetAsync("/account/login");
        using var second = await http.GetAsync("/account/login");

        var cookie = Assert.Single(AffinityCookies(first));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        // Random per browser: two clients without the cookie get different ones, so they can land on different replicas.
        Assert.NotEqual(cookie.Split(';')[0], Assert.Single(AffinityCookies(second)).Split(';')[0]);
    }

    [ReplicaFact]
    public async Task ARequestThatHasTheCookie_IsNotGivenAnotherOne()
    {
        using var http = ReplicaStack.Client(ReplicaStack.Balancer);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", "portal.affinity=browser-one");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(AffinityCookies(response));
    }

    [ReplicaFact]
    public async Task OneAffinityCookie_KeepsAClientOnOneReplica_WhileDifferentCookiesReachEveryReplica()
    {
        using var http = ReplicaStack.Client(ReplicaStack.Balancer);

        var sticky = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            sticky.Add(await ReplicaStack.ReplicaOfAsync(http, "portal.affinity=browser-one"));
        }

        var spread = new HashSet<string>();
        for (var i = 0; i < 40 && spread.Count < ReplicaStack.ReplicaUrls.Count; i++)
        {
            spread.Add(await ReplicaStack.ReplicaOfAsync(http, $"portal.affinity=browser-{i}"));
        }

        Assert.Single(sticky);
        Assert.Equal(ReplicaStack.ReplicaUrls.Count, spread.Count);
    }

    [ReplicaFact]
    public async Task EveryReplica_NamesItselfInHealth_AndItsHeartbeatListsItWithItsAddress()
    {
        var names = new List<string>();
        foreach (var url in ReplicaStack.ReplicaUrls)
        {
            using var http = ReplicaStack.Client(url);
            names.Add(await ReplicaStack.ReplicaOfAsync(http));
        }

        // Read as the Health page reads it, by a portal on the same database; every replica wrote its row at start-up.
        await using var portal = PortalFactory.For();
        var recent = await portal.Services.GetRequiredService<IReplicaDirectory>().RecentAsync(ReplicaLiveness.Window, CancellationToken.None);
        var listed = recent.ToDictionary(r => r.Name, r => r.Url);

        Assert.Equal(names.Count, names.Distinct().Count());
        for (var i = 0; i < names.Count; i++)
        {
            Assert.True(listed.TryGetValue(names[i], out var url), $"{names[i]} is not among the replicas seen in the last minute: {string.Join(", ", listed.Keys)}");
            Assert.Equal(ReplicaStack.ReplicaUrls[i].ToString().TrimEnd('/'), url?.TrimEnd('/'));
        }
    }

    private static IEnumerable<string> AffinityCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Where(c => c.StartsWith("portal.affinity=", StringComparison.Ordinal)) : [];
}
