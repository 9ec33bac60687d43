using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>Signing out ends the session on the server: a copy of the cookie, and an open circuit, stop working.</summary>
public sealed class SessionTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static HttpClient Browser(WebApplicationFactory<Program> portal, string cookies)
    {
        var http = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", cookies);
        return http;
    }

    private static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(c => c.StartsWith("portal.auth=", StringComparison.Ordinal) && c.Length > "portal.auth=".Length)
            : null;

    [Fact]
    public async Task SignOut_EndsTheSession_SoACopiedCookieIsSentToSignIn()
    {
        var cookies = await api.Portal.SignInCookiesAsync();
        using var browser = Browser(api.Portal, cookies);
        using var copy = Browser(api.Portal, cookies);
        using (var before = await copy.GetAsync("/rules"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var signOut = await browser.PostAsync("/account/logout", null);
        using var after = await copy.GetAsync("/rules");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task SignOut_IsAudited()
    {
        var cookies = await api.Portal.SignInCookiesAsync();
        using var browser = Browser(api.Portal, cookies);
        var audit = api.Portal.Services.GetRequiredService<IAuditLog>();
        var before = (await audit.QueryAsync(new AuditQuery(Action: "signout"), CancellationToken.None)).Total;

        using var _ = await browser.PostAsync("/account/logout", null);

        Assert.Equal(before + 1, (await audit.QueryAsync(new AuditQuery(Action: "signout"), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task TheSession_SurvivesIdentitysSecurityStampCheck_WhichRewritesTheCookie()
    {
        // Every request re-checks the security stamp, so the first one already hands out a rebuilt cookie.
        await using var portal = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token));
        var checking = portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero)));
        var cookies = await portal.SignInCookiesAsync();
        using var first = await Browser(checking, cookies).GetAsync("/rules");
        var rebuilt = AuthCookie(first);
        Assert.NotNull(rebuilt);

        using var second = await Browser(checking, rebuilt).GetAsync("/rules");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task AnOpenCircuit_IsSignedOut_WhenItsSessionEnds()
    {
        var services = api.Portal.Services;
        var name = await People.UserAsync(services, "circuit", Portal.Domain.Access.PortalRole.Viewer);
        var sessions = services.GetRequiredService<IUserSessions>();
        ClaimsPrincipal principal;
        string session;
        await using (var scope = services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
            var user = (await signIn.UserManager.FindByNameAsync(name))!;
            session = await sessions.StartAsync(user.Id, CancellationToken.None);
            principal = await signIn.CreateUserPrincipalAsync(user);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaims.Session, session));
        }

        var provider = new Portal.Security.RevalidatingIdentityStateProvider(services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IOptions<IdentityOptions>>());
        Assert.True(await provider.StillValidAsync(principal, CancellationToken.None));

        await sessions.EndAsync(session, CancellationToken.None);

        Assert.False(await provider.StillValidAsync(principal, CancellationToken.None));
    }

    [Fact]
    public async Task ACookieWithoutASession_AsFromBeforeSessionsWereKept_IsSentToSignIn()
    {
        var name = await People.UserAsync(api.Portal.Services, "sessionless", Portal.Domain.Access.PortalRole.Viewer);
        await using var portal = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token));
        var oldStyle = portal.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new IdentityOnlySignIn())));
        using var anonymous = oldStyle.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var signedIn = await anonymous.GetAsync(IdentityOnlySignIn.Path + "?user=" + name);
        var cookie = AuthCookie(signedIn);
        Assert.NotNull(cookie);

        using var page = await Browser(oldStyle, cookie).GetAsync("/rules");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location?.PathAndQuery);
    }

    /// <summary>Signs a user in the way the portal did before sessions: Identity's cookie and nothing else.</summary>
    private sealed class IdentityOnlySignIn : IStartupFilter
    {
        public const string Path = "/test/identity-only-sign-in";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, rest) =>
            {
                if (context.Request.Path != Path)
                {
                    await rest(context);
                    return;
                }

                var signIn = context.RequestServices.GetRequiredService<SignInManager<PortalUser>>();
                await signIn.SignInAsync((await signIn.UserManager.FindByNameAsync(context.Request.Query["user"].ToString()))!, isPersistent: false);
            });
            next(app);
        };
    }
}
