using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>
/// Limits per token, not per address: two people's tokens and anonymous callers on one address (as behind a
/// proxy, or in a test) each spend their own budget; wrong passwords lock sign-in, never the owner's tokens.
/// </summary>
public sealed class PerClientLimitTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Lint = "/api/v1/lint";

    private PortalFactory LimitedPortal() => RateLimitTests.LintLimitedPortal(api);

    private static HttpClient Client(PortalFactory portal, string? token)
    {
        var http = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static async Task<HttpStatusCode> LintAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync(Lint, new { expr = "up" });
        return response.StatusCode;
    }

    [Fact]
    public async Task AnAnonymousLintFlood_IsRefused_WhileTwoTokensFromTheSameAddress_StillGetThrough()
    {
        await using var portal = LimitedPortal();
        var (_, tokenA) = await People.WithTokenAsync(portal.Services, "flood-a", PortalRole.Viewer);
        var (_, tokenB) = await People.WithTokenAsync(portal.Services, "flood-b", PortalRole.Viewer);
        using var anonymous = Client(portal, null);
        using var a = Client(portal, tokenA);
        using var b = Client(portal, tokenB);

        var flood = new List<HttpStatusCode>();
        for (var call = 0; call < 60; call++)
        {
            flood.Add(await LintAsync(anonymous));
        }

        Assert.All(flood, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], [await LintAsync(a), await LintAsync(a)]);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], [await LintAsync(b), await LintAsync(b)]);
    }

    [Fact]
    public async Task OneTokensFlood_LeavesAnotherTokensBudgetWhole()
    {
        await using var portal = LimitedPortal();
        var (_, tokenA) = await People.WithTokenAsync(portal.Services, "flood-a", PortalRole.Viewer);
        var (_, tokenB) = await People.WithTokenAsync(portal.Services, "flood-b", PortalRole.Viewer);
        using var a = Client(portal, tokenA);
        using var b = Client(portal, tokenB);

        var flood = new List<HttpStatusCode>();
        for (var call = 0; call < 10; call++)
        {
            flood.Add(await LintAsync(a));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], flood.Take(2));
        Assert.All(flood.Skip(2), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.OK, await LintAsync(b));
        Assert.Equal(HttpStatusCode.OK, await LintAsync(b));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LintAsync(b));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountsSignIn_ButNotItsToken()
    {
        var (name, token) = await People.WithTokenAsync(api.Portal.Services, "locked", PortalRole.Viewer);
        using var form = api.Portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var _ = await PortalFactory.PostSignInAsync(form, name, "not-the-password");
        }

        using var rightPassword = await PortalFactory.PostSignInAsync(form, name, People.Password);
        using var http = Client(api.Portal, token);
        using var call = await http.GetAsync("/api/v1/namespaces");

        Assert.Contains("locked", await rightPassword.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, rightPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task ADisabledUsersToken_IsRefused()
    {
        var (name, token) = await People.WithTokenAsync(api.Portal.Services, "disabled", PortalRole.Viewer);
        using var http = Client(api.Portal, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces")).StatusCode);

        await People.ChangeAsync(api.Portal.Services, name, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        using var refused = await http.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ADeletedUsersToken_IsRefused()
    {
        var (name, token) = await People.WithTokenAsync(api.Portal.Services, "deleted", PortalRole.Viewer);
        using var http = Client(api.Portal, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces")).StatusCode);

        await People.ChangeAsync(api.Portal.Services, name, (users, user) => users.DeleteAsync(user));

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/namespaces")).StatusCode);
    }

    [Fact]
    public async Task ASessionCookie_DoesNotAuthenticateTheApi()
    {
        var cookies = await api.Portal.SignInCookiesAsync();
        using var http = Client(api.Portal, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        request.Headers.Add("Cookie", cookies);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }
}
