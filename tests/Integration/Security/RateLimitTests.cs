using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

/// <summary>The expensive API endpoints answer 429 once a client used its budget; lint stands for all of them.</summary>
public sealed class RateLimitTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private const string Lint = "/api/v1/lint";

    private PortalFactory LimitedPortal() => LintLimitedPortal(api);

    /// <summary>A portal of its own where lint allows two calls per client, in a window long enough that no test sees it roll over.</summary>
    internal static PortalFactory LintLimitedPortal(ApiPortal api) => new(new Dictionary<string, string?>(ApiPortal.Settings(api.Database, ApiPortal.Token))
    {
        ["RateLimits:Lint:PermitLimit"] = "2",
        ["RateLimits:Lint:Window"] = "00:10:00",
    });

    private static HttpClient Client(PortalFactory portal, string? token)
    {
        var http = portal.CreateClient();
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
    public async Task ThirdCallWithinTheWindow_Is429_WithRetryAfter_AndProblemDetails()
    {
        await using var portal = LimitedPortal();
        using var http = Client(portal, ApiPortal.Token);

        Assert.Equal(HttpStatusCode.OK, await LintAsync(http));
        Assert.Equal(HttpStatusCode.OK, await LintAsync(http));
        using var third = await http.PostAsJsonAsync(Lint, new { expr = "up" });

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var problem = await ApiPortal.JsonAsync(third);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("Retry-After", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OtherEndpoints_KeepTheirOwnBudget()
    {
        await using var portal = LimitedPortal();
        using var http = Client(portal, ApiPortal.Token);
        await LintAsync(http);
        await LintAsync(http);

        using var rules = await http.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.TooManyRequests, await LintAsync(http));
        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
    }

    [Fact]
    public async Task ADifferentToken_HasItsOwnBudget()
    {
        await using var portal = LimitedPortal();
        using var first = Client(portal, ApiPortal.Token);
        await LintAsync(first);
        await LintAsync(first);
        Assert.Equal(HttpStatusCode.TooManyRequests, await LintAsync(first));

        // Rotating the configured token stands for a second user's token until personal tokens exist.
        const string second = "second-integration-test-token";
        var configuration = (IConfigurationRoot)portal.Services.GetRequiredService<IConfiguration>();
        configuration["Portal:BootstrapApiToken"] = second;
        configuration.Reload();
        using var other = Client(portal, second);

        Assert.Equal(HttpStatusCode.OK, await LintAsync(other));
        Assert.Equal(HttpStatusCode.OK, await LintAsync(other));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LintAsync(other));
    }

    [Fact]
    public async Task CallsWithoutAValidToken_AreRefusedBeforeTheLimiter_SoMadeUpTokensNeitherBuyNorSpendABudget()
    {
        await using var portal = LimitedPortal();
        for (var call = 1; call <= 5; call++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SendFromAsync(portal, "10.0.0.1", "made-up-" + call));
            Assert.Equal(HttpStatusCode.Unauthorized, await SendFromAsync(portal, "10.0.0.1", null));
        }

        // The same address with the real token still has its whole budget.
        Assert.Equal(HttpStatusCode.OK, await SendFromAsync(portal, "10.0.0.1", ApiPortal.Token));
        Assert.Equal(HttpStatusCode.OK, await SendFromAsync(portal, "10.0.0.1", ApiPortal.Token));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendFromAsync(portal, "10.0.0.1", ApiPortal.Token));
    }

    private static async Task<HttpStatusCode> SendFromAsync(PortalFactory portal, string address, string? token)
    {
        var context = await portal.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = Lint;
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream("""{"expr":"up"}"""u8.ToArray());
            if (token is not null)
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }
        });
        return (HttpStatusCode)context.Response.StatusCode;
    }
}
