using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.V1;
using Portal.Features.Publishing;

namespace Portal.Tests.Unit.Features.Publishing;

/// <summary>A signed-in Viewer on the Publish page: the page says why, and the publisher is never asked.</summary>
public class PublishAccessTests : PublishingTestContext
{
    public PublishAccessTests()
    {
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "vera"), new Claim(ClaimTypes.Role, "Viewer")], "test"));
        Services.AddSingleton(new ActingUser(new Api.ApiHttp.StaticOptions(new ApiSettings()), new CircuitUser { Principal = viewer }));
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
