using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Audit;
using Portal.Security;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>Whatever is typed into or linked to the sign-in page, the answer is an ordinary one: never a 500, never another site.</summary>
public sealed class SignInInputTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string WrongPassword = "The user name or password is not right.";

    private HttpClient Anonymous() => api.Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Theory]
    [InlineData("/%09/example.invalid", "/")]
    [InlineData("%2F%09%2Fexample.invalid", "/")]
    [InlineData("//example.invalid", "/")]
    [InlineData("/%5Cexample.invalid", "/")]
    [InlineData("https%3A%2F%2Fexample.invalid%2F", "/")]
    [InlineData("%2F%252F%2Fexample.invalid", "/")]
    [InlineData("%2Frules%3Fnamespace%3Dteam-a", "/rules?namespace=team-a")]
    [InlineData("%2Frules%3Fq%3D%C3%A9", "/rules?q=%C3%A9")]
    public async Task AfterSigningIn_OnlyAPathOfThisSite_IsWhereTheBrowserGoes(string returnUrl, string expected)
    {
        var name = await People.UserAsync(api.Portal.Services, "returning", Portal.Domain.Access.PortalRole.Viewer);
        using var http = Anonymous();

        using var response = await PortalFactory.PostSignInAsync(http, name, People.Password, "/account/login?returnUrl=" + returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("%2Frules%3Fq%3D%C3%A9", "/rules?q=%C3%A9")]
    [InlineData("/%09/example.invalid", "/")]
    public async Task OverRealKestrel_WhichRefusesBadHeaderCharacters_TheReturnUrlStillRedirects(string returnUrl, string expected)
    {
        // TestServer takes any header value; Kestrel throws on non-ASCII ones, so only a real server shows a 500 here.
        await using var portal = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token));
        portal.UseKestrel(0);
        portal.StartServer();
        var address = portal.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        var name = await People.UserAsync(portal.Services, "kestrel", Portal.Domain.Access.PortalRole.Viewer);
        // The factory's own client follows redirects when it talks to Kestrel; this one shows the Location itself.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };

        using var response = await PortalFactory.PostSignInAsync(http, name, People.Password, "/account/login?returnUrl=" + returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(257)]
    [InlineData(100_000)]
    public async Task AVeryLongUserName_IsAnOrdinaryFailedSignIn_WithAnAuditRow(int length)
    {
        var name = Guid.NewGuid().ToString("N") + new string('x', length - 32);
        using var http = Anonymous();

        using var response = await PortalFactory.PostSignInAsync(http, name, "whatever-password");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WrongPassword, page);
        Assert.DoesNotContain("Exception", page);
        var rows = await api.Portal.Services.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery(Actor: SignInNames.AuditActor(name), Action: "signin.failure"), CancellationToken.None);
        var row = Assert.Single(rows.Items);
        Assert.EndsWith($"({length} characters)", row.Actor);
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\t")]
    public async Task AUserNameWithAControlCharacter_IsAnOrdinaryFailedSignIn_WithAnAuditRow(string control)
    {
        var name = "ctl-" + Guid.NewGuid().ToString("N")[..8] + control + "x";
        using var http = Anonymous();

        using var response = await PortalFactory.PostSignInAsync(http, name, "whatever-password");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WrongPassword, page);
        Assert.DoesNotContain("Exception", page);
        var rows = await api.Portal.Services.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery(Actor: SignInNames.AuditActor(name), Action: "signin.failure"), CancellationToken.None);
        Assert.Single(rows.Items);
    }
}
