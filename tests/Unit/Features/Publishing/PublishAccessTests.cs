using Portal.Security;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.V1;
using Portal.Features.Publishing;

namespace Portal.Tests.Unit.Features.Publishing;

/// <summary>A signed-in Viewer on the Publish page: the plan without the publish form, the reason instead, and the publisher never asked.</summary>
public class PublishAccessTests : PublishingTestContext
{
    public PublishAccessTests()
    {
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "vera"), new Claim(ClaimTypes.Role, "Viewer")], "test"));
        Services.AddSingleton(new ActingUser(new Api.ApiHttp.StaticOptions(new ApiSettings()), new CircuitUser { Principal = viewer }));
    }

    [Fact]
    public void AViewer_SeesThePlan_ButNoPublishForm_AndIsToldWhy()
    {
        var cut = RenderPage<PublishPage>();

        cut.WaitForAssertion(() => Assert.Contains("Publisher role", cut.Find("[data-testid=publish-not-allowed]").TextContent));
        Assert.NotEmpty(cut.FindAll("[data-testid=plan-changes]"));
        Assert.Empty(cut.FindAll("[data-testid=publish-button]"));
        Assert.Empty(cut.FindAll("[data-testid=publish-note]"));
        Assert.Empty(Publisher.Publishes);
    }
}
