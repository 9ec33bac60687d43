using System.Net;
using System.Net.Http.Headers;

namespace Portal.Tests.Integration.Api;

public sealed class ApiAuthTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    [Fact]
    public async Task NoToken_Is401_WithBearerChallenge()
    {
        using var http = api.Portal.CreateClient();

        using var response = await http.GetAsync("/api/v1/rules");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authorization: Bearer", (await ApiPortal.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongToken_Is401_AndNothingIsWritten()
    {
        using var http = api.Portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiPortal.Token + "x");

        using var write = await http.PostAsync("/api/v1/namespaces", new StringContent("""{"name":"intruders","team":"x"}""", null, "application/json"));
        using var list = await api.Http.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.DoesNotContain("intruders", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongToken_WithMalformedBody_IsStill401()
    {
        using var http = api.Portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nope");

        using var response = await http.PostAsync("/api/v1/rules", new StringContent("{ not json", null, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RightToken_IsServed()
    {
        using var response = await api.Http.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownApiPath_Is404ProblemDetails_NotTheHtmlPage()
    {
        using var response = await api.Http.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NoTokenConfigured_EveryCallIs503_SayingTheApiIsNotConfigured()
    {
        await using var portal = new PortalFactory(ApiPortal.Settings(TestStack.PostgresConnection, token: ""));
        using var http = portal.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        using var response = await http.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not configured", (await ApiPortal.JsonAsync(response)).GetProperty("detail").GetString());
    }
}
