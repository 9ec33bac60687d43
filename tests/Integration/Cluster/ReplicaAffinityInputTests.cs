using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Integration.Cluster;

/// <summary>
/// Hostile and broken <c>portal.affinity</c> cookies, against the portal in process with the cookie switched on (as
/// every replica behind nginx runs): never an error, and a cookie nginx would not hash is replaced by a good one, so the
/// browser becomes sticky instead of being balanced round-robin for ever.
/// </summary>
public sealed class ReplicaAffinityInputTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = TestStack.PostgresConnection,
            ["Redis:Configuration"] = TestStack.RedisConfiguration,
            ["Prometheus:Url"] = TestStack.PrometheusUrl.ToString(),
            ["Cluster:AffinityCookie"] = "true",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<(HttpStatusCode Status, IReadOnlyList<string> Issued)> SendAsync(string cookieHeader)
    {
        using var http = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        using var response = await http.SendAsync(request);
        var issued = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(c => c.StartsWith("portal.affinity=", StringComparison.Ordinal)).Select(c => c.Split(';')[0]["portal.affinity=".Length..]).ToList()
            : [];
        return (response.StatusCode, issued);
    }

    public static TheoryData<string, string> Unhashable => new()
    {
        { "markup", "portal.affinity=<script>alert(1)</script>" },
        { "10 KB", "portal.affinity=" + new string('a', 10 * 1024) },
        { "65 characters, one over nginx's limit", "portal.affinity=" + new string('b', 65) },
        { "empty", "portal.affinity=" },
        { "padding and plus signs of plain base64", "portal.affinity=ab+c/d==" },
        { "percent-encoded unicode", "portal.affinity=%E2%98%83%F0%9F%94%A5" },
        { "quoted", "portal.affinity=\"abc\"" },
    };

    [Theory]
    [MemberData(nameof(Unhashable))]
    public async Task ACookieNginxWouldNotHash_IsAnsweredNormally_AndReplacedByAGoodOne(string what, string cookie)
    {
        var (status, issued) = await SendAsync(cookie);

        Assert.True(status == HttpStatusCode.OK, $"{what}: answered {(int)status}");
        var fresh = Assert.Single(issued);
        Assert.True(Portal.Cluster.ReplicaAffinity.IsValid(fresh), $"{what}: issued '{fresh}'");
    }

    [Fact]
    public async Task AGoodCookie_IsKept_EvenAmongAThousandOthers()
    {
        var (alone, issuedAlone) = await SendAsync("portal.affinity=browser-one_A9");
        var many = string.Join("; ", Enumerable.Range(0, 1000).Select(i => $"c{i}=v{i}")) + "; portal.affinity=browser-one_A9";
        var (crowded, issuedCrowded) = await SendAsync(many);

        Assert.Equal(HttpStatusCode.OK, alone);
        Assert.Empty(issuedAlone);
        Assert.Equal(HttpStatusCode.OK, crowded);
        Assert.Empty(issuedCrowded);
    }
}
