using System.Net;
using System.Net.WebSockets;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>The Blazor hub refuses browsers on other origins, for negotiate and for the WebSocket itself.</summary>
public sealed class BlazorHubOriginTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Negotiate = "/_blazor/negotiate?negotiateVersion=1";

    private async Task<HttpResponseMessage> NegotiateAsync(string? origin, PortalFactory? portal = null)
    {
        // Only a signed-in user gets a circuit; the origin check itself runs before sign-in is looked at.
        using var http = await (portal ?? api.Portal).SignedInClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Negotiate);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://localhost")]
    [InlineData("null")]
    public async Task Negotiate_FromAnotherOrigin_Is403(string origin)
    {
        using var response = await NegotiateAsync(origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Portal:AllowedOrigins", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData(null)]
    public async Task Negotiate_FromThePortalItself_OrWithoutOrigin_IsServed(string? origin)
    {
        using var response = await NegotiateAsync(origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Negotiate_FromAConfiguredOrigin_IsServed()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?>(ApiPortal.Settings(api.Database, ApiPortal.Token))
        {
            ["Portal:AllowedOrigins:0"] = "https://portal.example.com",
        });

        using var listed = await NegotiateAsync("https://portal.example.com", portal);
        using var other = await NegotiateAsync("https://other.example.com", portal);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task WebSocket_FromAnotherOrigin_IsRefusedBeforeTheUpgrade()
    {
        var token = await ConnectionTokenAsync();
        var cookies = await api.Portal.SignInCookiesAsync();
        var client = api.Portal.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => (request.Headers.Origin, request.Headers.Cookie) = ("http://evil.example", cookies);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(HubUri(token), CancellationToken.None));

        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task WebSocket_FromThePortalItself_IsUpgraded()
    {
        var token = await ConnectionTokenAsync();
        var cookies = await api.Portal.SignInCookiesAsync();
        var client = api.Portal.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => (request.Headers.Origin, request.Headers.Cookie) = ("http://localhost", cookies);

        using var socket = await client.ConnectAsync(HubUri(token), CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        socket.Abort();
    }

    private async Task<string> ConnectionTokenAsync()
    {
        using var response = await NegotiateAsync("http://localhost");
        return (await ApiPortal.JsonAsync(response)).GetProperty("connectionToken").GetString()!;
    }

    private static Uri HubUri(string token) => new($"ws://localhost/_blazor?id={Uri.EscapeDataString(token)}");
}
