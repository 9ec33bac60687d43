using System.Net;
using System.Text.Json;

namespace Portal.Tests.Integration.Cluster;

/// <summary>
/// Hostile requests to nginx in front of the replicas: refused as problem details where nginx refuses them, and never
/// a 5xx that counts as a replica failure (max_fails=1 would take that replica out of the upstream for fail_timeout,
/// and one request tried on every replica in turn could empty it).
/// </summary>
public sealed class ReplicaHostileInputTests
{
    private static async Task<HttpResponseMessage> SendAsync(Action<HttpRequestMessage> shape, string path = "/health/db")
    {
        using var http = ReplicaStack.Client(ReplicaStack.Balancer);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        shape(request);
        return await http.SendAsync(request);
    }

    /// <summary>Every replica still gets browsers: different affinity cookies reach all of them.</summary>
    private static async Task AssertEveryReplicaServesAsync()
    {
        using var http = ReplicaStack.Client(ReplicaStack.Balancer);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 40 && seen.Count < ReplicaStack.ReplicaUrls.Count; i++)
        {
            seen.Add(await ReplicaStack.ReplicaOfAsync(http, $"portal.affinity=spread-{i}"));
        }

        Assert.Equal(ReplicaStack.ReplicaUrls.Count, seen.Count);
    }

    [ReplicaFact]
    public async Task ACookieHeaderOver8KB_IsRefusedWith431ProblemDetails_ForOneHugeCookieAndForAThousandSmallOnes()
    {
        var huge = "portal.affinity=" + new string('a', 10 * 1024);
        var thousand = string.Join("; ", Enumerable.Range(0, 1000).Select(i => $"c{i}=v{i}"));

        foreach (var cookie in new[] { huge, thousand })
        {
            using var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Cookie", cookie), "/account/login");

            Assert.Equal((HttpStatusCode)431, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(431, problem.RootElement.GetProperty("status").GetInt32());
        }
    }

    [ReplicaFact]
    public async Task AHostHeaderOfKilobytes_IsAnsweredWithoutA5xx_AndLeavesEveryReplicaInTheUpstream()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Host", string.Join(".", Enumerable.Repeat(new string('h', 60), 80))));
            Assert.True((int)response.StatusCode < 500, $"a 5 KB Host header answered {(int)response.StatusCode}");
        }

        await AssertEveryReplicaServesAsync();
    }
}
