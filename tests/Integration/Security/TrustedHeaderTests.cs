using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Security;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>Sign-in by an authenticating proxy: its headers count from the listed proxies only, and only when switched on.</summary>
public sealed class TrustedHeaderTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Proxy = "10.20.0.7";
    private const string Stranger = "10.20.1.7";

    private PortalFactory Portal(bool enabled = true, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>(ApiPortal.Settings(api.Database, ApiPortal.Token))
        {
            ["Portal:TrustedHeaders:Enabled"] = enabled ? "true" : "false",
            ["Portal:TrustedHeaders:Proxies:0"] = "10.20.0.0/24",
            ["Portal:TrustedHeaders:Proxies:1"] = "192.0.2.1",
            ["Portal:TrustedHeaders:GroupTeams:sre"] = "team-sre",
            ["Portal:TrustedHeaders:GroupRoles:sre"] = "Editor",
            ["Portal:TrustedHeaders:GroupRoles:release-managers"] = "publisher",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new PortalFactory(settings);
    }

    private static async Task<HttpResponseMessage> MeAsync(WebApplicationFactory<Program> portal, string peer, string? user, string? groups = null)
    {
        using var http = portal.ClientFrom(peer);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (user is not null)
        {
            request.Headers.Add("X-Forwarded-User", user);
        }

        if (groups is not null)
        {
            request.Headers.Add("X-Forwarded-Groups", groups);
        }

        return await http.SendAsync(request);
    }

    private static string Shown(string page, string testId) =>
        Regex.Match(page, $@"data-testid=""{testId}""[^>]*>([^<]*)<").Groups[1].Value.Trim();

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task HeadersFromAListedProxy_SignIn_WithTheRolesAndTeamsTheirGroupsMapTo()
    {
        await using var portal = Portal();

        using var response = await MeAsync(portal.WithPeers(), Proxy, "alice@example.com", "sre, RELEASE-MANAGERS,unmapped");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("alice@example.com", Shown(page, "me-name"));
        Assert.Equal("Viewer, Editor, Publisher", Shown(page, "me-roles"));
        Assert.Equal("team-sre", Shown(page, "me-teams"));
        Assert.Contains("data-testid=\"me-no-tokens\"", page);
        Assert.DoesNotContain("data-testid=\"sign-out-form\"", page);
    }

    [Fact]
    public async Task ASingleListedAddress_IsAProxyToo()
    {
        await using var portal = Portal();

        using var response = await MeAsync(portal.WithPeers(), "192.0.2.1", "bob", "sre");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bob", Shown(await response.Content.ReadAsStringAsync(), "me-name"));
    }

    [Fact]
    public async Task OnlyUnmappedGroups_OrNone_GiveViewerAndNoTeam()
    {
        await using var portal = Portal();
        var peers = portal.WithPeers();

        using var unmapped = await MeAsync(peers, Proxy, "carol", "marketing,finance");
        using var none = await MeAsync(peers, Proxy, "dave");

        foreach (var response in new[] { unmapped, none })
        {
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Viewer", Shown(page, "me-roles"));
            Assert.Equal("none", Shown(page, "me-teams"));
        }
    }

    [Fact]
    public async Task TheSameHeaders_FromAnUnlistedAddress_AreIgnored_AndTheVisitorIsSentToSignIn()
    {
        await using var portal = Portal();

        using var response = await MeAsync(portal.WithPeers(), Stranger, "alice@example.com", "sre,release-managers");

        AssertSentToSignIn(response);
    }

    [Fact]
    public async Task IgnoredHeaders_AreLoggedOnce_AsAWarningNamingTheAddress()
    {
        await using var portal = Portal();
        var warnings = new WarningLog();
        var peers = portal.WithPeers(services => services.AddSingleton<ILoggerProvider>(warnings));

        using var first = await MeAsync(peers, Stranger, "alice@example.com");
        using var second = await MeAsync(peers, "10.20.2.7", "alice@example.com");

        var warning = Assert.Single(warnings.Messages, m => m.Contains("X-Forwarded-User"));
        Assert.Contains(Stranger, warning);
    }

    [Fact]
    public async Task AForwardedForNamingAProxy_DoesNotMakeAStrangerOne()
    {
        await using var portal = Portal();
        using var http = portal.WithPeers().ClientFrom(Stranger);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("X-Forwarded-User", "alice@example.com");
        request.Headers.Add("X-Forwarded-For", Proxy);

        using var response = await http.SendAsync(request);

        AssertSentToSignIn(response);
    }

    [Fact]
    public async Task WhenTheModeIsOff_HeadersFromAProxyAreIgnored()
    {
        await using var portal = Portal(enabled: false);

        using var response = await MeAsync(portal.WithPeers(), Proxy, "alice@example.com", "sre");

        AssertSentToSignIn(response);
    }

    [Fact]
    public async Task AProxyRequestWithoutTheUserHeader_SignsInTheOrdinaryWay()
    {
        await using var portal = Portal();

        using var response = await MeAsync(portal.WithPeers(), Proxy, user: null, groups: "sre");

        AssertSentToSignIn(response);
    }

    [Fact]
    public async Task ACircuitOfAProxyUser_SurvivesRevalidation_ThoughItHasNoAccount()
    {
        await using var portal = Portal();
        await using var scope = portal.Services.CreateAsyncScope();
        var provider = (RevalidatingIdentityStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        Claim[] claims = [new(ClaimTypes.Name, "alice@example.com"), new(ClaimTypes.NameIdentifier, "no-such-id")];

        var proxyUser = await provider.StillValidAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, TrustedHeaders.Scheme)), CancellationToken.None);
        var cookieUser = await provider.StillValidAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme)), CancellationToken.None);

        Assert.True(proxyUser);
        Assert.False(cookieUser);
    }

    [Fact]
    public async Task AMistypedRole_StopsThePortalFromStarting_WithTheReason()
    {
        await using var portal = Portal(more: ("Portal:TrustedHeaders:GroupRoles:ops", "Superuser"));

        var refused = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        Assert.Contains("Superuser", refused.ToString());
    }

    /// <summary>The warnings of the portal's own sign-in code, as the operator would read them.</summary>
    private sealed class WarningLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string category) => new Logger(category.StartsWith("Portal.Security", StringComparison.Ordinal) ? Messages : null);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string>? messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel level) => messages is not null && level == LogLevel.Warning;

            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
            {
                if (IsEnabled(level))
                {
                    messages!.Enqueue(format(state, error));
                }
            }
        }
    }
}
