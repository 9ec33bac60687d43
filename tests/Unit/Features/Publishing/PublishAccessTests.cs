using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.V1;
using Portal.Features.Publishing;

namespace Portal.Tests.Unit.Features.Publishing;

/// <summary>A signed-in Viewer on the Publish page: the page says why, and the publisher is never asked.</summary>
public class PublishAccessTests : PublishingTestContext
{
    private sealed class SignedIn(params string[] roles) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal(
            new ClaimsIdentity([new Claim(ClaimTypes.Name, "vera"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"))));
    }

    public PublishAccessTests()
    {
        Services.AddSingleton(new ActingUser(new Api.ApiHttp.StaticOptions(new ApiSettings()), new SignedIn("Viewer")));
    }

    [Fact]
    public void AViewer_CannotPublish_AndIsToldWhy()
    {
        var cut = RenderPage<PublishPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-button]")));

        cut.Find("[data-testid=publish-note]").Input("a viewer tries");
        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Publisher role", cut.Find("[data-testid=publish-error]").TextContent));
        Assert.Empty(Publisher.Publishes);
    }
}
