using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>The sign-in form's limit: per address and per user name tried, refused on the page with a message and an audit row.</summary>
public sealed class SignInThrottleTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Throttled = "Too many sign-in attempts";
    private const string WrongPassword = "The user name or password is not right.";

    // Three attempts per address and per name, in a window no test sees roll over.
    private PortalFactory LimitedPortal() => new(new Dictionary<string, string?>(ApiPortal.Settings(api.Database, ApiPortal.Token))
    {
        ["RateLimits:SignIn:PermitLimit"] = "3",
        ["RateLimits:SignIn:Window"] = "00:10:00",
        ["RateLimits:SignInAddress:PermitLimit"] = "3",
        ["RateLimits:SignInAddress:Window"] = "00:10:00",
    });

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static async Task<(HttpStatusCode Status, string Page, TimeSpan? RetryAfter)> SignInAsync(
        WebApplicationFactory<Program> portal, string peer, string userName, string password = "not-the-password")
    {
        using var http = portal.ClientFrom(peer);
        using var response = await PortalFactory.PostSignInAsync(http, userName, password);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task TheAttemptAfterTheLimit_FromOneAddress_IsRefusedOnThePage_AndAudited()
    {
        await using var portal = LimitedPortal();
        var peers = portal.WithPeers();
        var name = NewName("guesser");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var allowed = await SignInAsync(peers, "10.1.0.1", name);
            Assert.Equal(HttpStatusCode.OK, allowed.Status);
            Assert.Contains(WrongPassword, allowed.Page);
        }

        var refused = await SignInAsync(peers, "10.1.0.1", name);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains(Throttled, refused.Page);
        Assert.Contains("data-testid=\"login-error\"", refused.Page);
        Assert.DoesNotContain(WrongPassword, refused.Page);
        Assert.InRange(refused.RetryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var audit = peers.Services.GetRequiredService<IAuditLog>();
        var rows = await audit.QueryAsync(new AuditQuery(Actor: name, Action: "signin.throttled"), CancellationToken.None);
        var row = Assert.Single(rows.Items);
        Assert.Contains("10.1.0.1", row.Detail);
        Assert.Contains("address", row.Detail);
        Assert.Equal(3, (await audit.QueryAsync(new AuditQuery(Actor: name, Action: "signin.failure"), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task ALimitedAddress_IsRefusedForEveryName_AndALimitedName_FromEveryAddress_WhileOthersStillSignIn()
    {
        await using var portal = LimitedPortal();
        var peers = portal.WithPeers();
        var (guessed, other) = (NewName("target"), NewName("other"));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await SignInAsync(peers, "10.2.0.1", guessed);
        }

        var sameAddressOtherName = await SignInAsync(peers, "10.2.0.1", other);
        var otherAddressSameName = await SignInAsync(peers, "10.2.0.2", guessed);
        var otherAddressOtherName = await SignInAsync(peers, "10.2.0.3", other);

        Assert.Contains(Throttled, sameAddressOtherName.Page);
        Assert.Contains(Throttled, otherAddressSameName.Page);
        Assert.Equal(HttpStatusCode.OK, otherAddressOtherName.Status);
        Assert.Contains(WrongPassword, otherAddressOtherName.Page);
    }

    [Fact]
    public async Task ByDefault_TenJunkNamesFromOneAddress_DoNotLockOutTheNextPersonThere()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?>(ApiPortal.Settings(api.Database, ApiPortal.Token))
        {
            ["RateLimits:SignIn:PermitLimit"] = "10",
        });
        var peers = portal.WithPeers();
        var name = NewName("colleague");
        await using (var scope = peers.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.CreateAsync(new PortalUser(name), "Right-Password-1")).Succeeded);
        }

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.Contains(WrongPassword, (await SignInAsync(peers, "10.4.0.1", NewName("junk"))).Page);
        }

        var signedIn = await SignInAsync(peers, "10.4.0.1", name, "Right-Password-1");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
    }

    [Fact]
    public async Task ARightPassword_StillSignsIn_FromAnAddressWithBudgetLeft()
    {
        await using var portal = LimitedPortal();
        var peers = portal.WithPeers();
        var name = NewName("person");
        await using (var scope = peers.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.CreateAsync(new PortalUser(name), "Right-Password-1")).Succeeded);
        }

        await SignInAsync(peers, "10.3.0.1", name);
        var signedIn = await SignInAsync(peers, "10.3.0.1", name, "Right-Password-1");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
    }
}
