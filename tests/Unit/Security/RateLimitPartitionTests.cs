using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Identity;
using Portal.Security;

namespace Portal.Tests.Unit.Security;

/// <summary>Whose budget a call or a sign-in attempt spends.</summary>
public class RateLimitPartitionTests
{
    private static HttpContext Request(string address, ClaimsPrincipal? user = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (user is not null)
        {
            context.User = user;
        }

        return context;
    }

    private static ClaimsPrincipal Signed(string name, string? token = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        if (token is not null)
        {
            claims.Add(new Claim(PortalClaims.Token, token));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Fact]
    public void TwoTokensFromOneAddress_AreTwoClients()
    {
        var first = RateLimits.Client(Request("10.0.0.1", Signed("ci", "token-a")));
        var second = RateLimits.Client(Request("10.0.0.1", Signed("ci", "token-b")));

        Assert.Equal("token:token-a", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ATokenIsOneClient_FromWhicheverAddress()
    {
        Assert.Equal(RateLimits.Client(Request("10.0.0.1", Signed("ci", "token-a"))), RateLimits.Client(Request("10.9.9.9", Signed("ci", "token-a"))));
    }

    [Fact]
    public void ASignedInUserWithoutAToken_IsOneClient_WhateverTheCaseOfTheName()
    {
        Assert.Equal(RateLimits.Client(Request("10.0.0.1", Signed("Alice"))), RateLimits.Client(Request("10.0.0.2", Signed("alice"))));
    }

    [Fact]
    public void AnonymousCallers_AreTheirAddress()
    {
        Assert.Equal("address:10.0.0.1", RateLimits.Client(Request("10.0.0.1")));
        Assert.NotEqual(RateLimits.Client(Request("10.0.0.1")), RateLimits.Client(Request("10.0.0.2")));
    }

    private static SignInThrottle Throttle(RateLimitSettings settings) => new(new StaticMonitor(settings));

    [Fact]
    public void TenJunkNamesFromOneAddress_DoNotStopAnotherNameFromIt_ByDefault()
    {
        using var throttle = Throttle(new RateLimitSettings());
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(throttle.Attempt("10.0.0.1", "junk-" + i));
        }

        Assert.Null(throttle.Attempt("10.0.0.1", "alice"));
    }

    [Fact]
    public void OneName_IsStillLimitedToItsOwnBudget()
    {
        using var throttle = Throttle(new RateLimitSettings());
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(throttle.Attempt("10.0.0." + i, "ALICE"));
        }

        Assert.Equal("user", throttle.Attempt("10.0.0.99", "alice")?.Limit);
    }

    [Fact]
    public void TheAddressBudget_DefaultsToTenTimesTheNameBudget_AndCanBeSetApart()
    {
        Assert.Equal(100, new RateLimitSettings().SignInPerAddress.PermitLimit);
        Assert.Equal(3, new RateLimitSettings { SignInAddress = new RateLimit { PermitLimit = 3 } }.SignInPerAddress.PermitLimit);
        using var throttle = Throttle(new RateLimitSettings { SignInAddress = new RateLimit { PermitLimit = 2 } });

        Assert.Null(throttle.Attempt("10.0.0.1", "a"));
        Assert.Null(throttle.Attempt("10.0.0.1", "b"));
        Assert.Equal("address", throttle.Attempt("10.0.0.1", "c")?.Limit);
    }

    [Fact]
    public void AHugeName_IsKeptAsAHash_NotAsTheName()
    {
        var key = SignInThrottle.NameKey(new string('a', 100_000));

        Assert.InRange(key.Length, 1, 100);
        Assert.Equal(key, SignInThrottle.NameKey(new string('A', 100_000)));
        Assert.Equal("ALICE", SignInThrottle.NameKey(" alice "));
    }

    private sealed class StaticMonitor(RateLimitSettings value) : IOptionsMonitor<RateLimitSettings>
    {
        public RateLimitSettings CurrentValue => value;

        public RateLimitSettings Get(string? name) => value;

        public IDisposable? OnChange(Action<RateLimitSettings, string?> listener) => null;
    }
}
