using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Api.V1;
using Portal.Infrastructure.Identity;
using Portal.Tests.Unit.Api;

namespace Portal.Tests.Unit.Security;

/// <summary>The /api/v1 bearer scheme: who a token stands for, and what the challenge answers when none does.</summary>
public class ApiTokenHandlerTests
{
    private const string Bootstrap = "0123456789abcdef0123456789abcdef";

    private sealed record Outcome(AuthenticateResult Result, int Status, string WwwAuthenticate, string ContentType, JsonElement? Problem);

    private static async Task<Outcome> RunAsync(string? configured, string? header, IApiTokens? tokens = null)
    {
        var handler = new ApiTokenHandler(new SchemeOptions(), NullLoggerFactory.Instance, UrlEncoder.Default,
            new ApiHttp.StaticOptions(new ApiSettings { BootstrapApiToken = configured, LocalUser = "ci" }), tokens ?? new KnownTokens());
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        if (header is not null)
        {
            context.Request.Headers.Authorization = header;
        }

        await handler.InitializeAsync(new AuthenticationScheme(ApiTokenAuthentication.Scheme, null, typeof(ApiTokenHandler)), context);
        var result = await handler.AuthenticateAsync();
        if (!result.Succeeded)
        {
            // What the authorization middleware does for the group's policy when nobody was authenticated.
            await handler.ChallengeAsync(null);
        }

        var body = ((MemoryStream)context.Response.Body).ToArray();
        return new Outcome(result, context.Response.StatusCode, context.Response.Headers.WWWAuthenticate.ToString(), context.Response.ContentType ?? "",
            body.Length > 0 ? JsonDocument.Parse(body).RootElement : null);
    }

    [Fact]
    public async Task NoTokenConfigured_AndNoPersonalToken_Challenges503_SayingTheApiIsNotConfigured()
    {
        var outcome = await RunAsync(configured: "", header: "Bearer " + Bootstrap);

        Assert.False(outcome.Result.Succeeded);
        Assert.Equal(503, outcome.Status);
        Assert.Equal("application/problem+json", outcome.ContentType);
        Assert.Contains("not configured", outcome.Problem?.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task NoTokenConfigured_StillAcceptsAPersonalToken()
    {
        var outcome = await RunAsync(configured: "", header: "Bearer arp_personal", new KnownTokens("arp_personal", Owner("pia")));

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal("pia", outcome.Result.Principal?.Identity?.Name);
    }

    [Fact]
    public async Task MissingToken_Challenges401_WithABearerChallenge_AndSaysWhatToSend()
    {
        var outcome = await RunAsync(configured: Bootstrap, header: null);

        Assert.Equal(401, outcome.Status);
        Assert.Equal("Bearer realm=\"alert-rule-portal\"", outcome.WwwAuthenticate);
        Assert.Contains("Authorization: Bearer", outcome.Problem?.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Bearer nope")]
    [InlineData("Bearer " + Bootstrap + "x")]
    public async Task WrongToken_Challenges401_WithInvalidToken(string header)
    {
        var outcome = await RunAsync(configured: Bootstrap, header: header);

        Assert.NotNull(outcome.Result.Failure);
        Assert.Equal(401, outcome.Status);
        Assert.Contains("error=\"invalid_token\"", outcome.WwwAuthenticate);
        Assert.Equal("Invalid token", outcome.Problem?.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnIssuedButRevokedToken_Is401Revoked_EvenWhileTheConfigurationStillNamesIt()
    {
        var outcome = await RunAsync(configured: Bootstrap, header: "Bearer " + Bootstrap, new KnownTokens(issued: Bootstrap));

        Assert.Equal(401, outcome.Status);
        Assert.Contains("error=\"invalid_token\"", outcome.WwwAuthenticate);
        Assert.Equal("Token revoked", outcome.Problem?.GetProperty("title").GetString());
    }

    [Fact]
    public async Task TheBootstrapToken_BeforeAnyUserOwnsIt_IsTheLocalUser_WithEveryRole_AndATokenKeyThatIsNotTheToken()
    {
        var outcome = await RunAsync(configured: Bootstrap, header: "Bearer " + Bootstrap);

        var principal = outcome.Result.Principal!;
        Assert.Equal("ci", principal.Identity?.Name);
        Assert.All(Enum.GetNames<Portal.Domain.Access.PortalRole>(), role => Assert.True(principal.IsInRole(role), role));
        var key = principal.FindFirst(PortalClaims.Token)?.Value;
        Assert.StartsWith("bootstrap-", key);
        Assert.DoesNotContain(Bootstrap, key);
    }

    [Fact]
    public async Task APersonalToken_StandsForItsOwner()
    {
        var outcome = await RunAsync(configured: Bootstrap, header: "Bearer arp_personal", new KnownTokens("arp_personal", Owner("pia")));

        Assert.Equal("pia", outcome.Result.Principal?.Identity?.Name);
        Assert.Equal(ApiTokenAuthentication.Scheme, outcome.Result.Ticket?.AuthenticationScheme);
    }

    [Fact]
    public async Task ADatabaseThatIsDown_Is503_NotTheBootstrapTokenAcceptedUnchecked()
    {
        var outcome = await RunAsync(configured: Bootstrap, header: "Bearer " + Bootstrap, new KnownTokens(down: true));

        Assert.False(outcome.Result.Succeeded);
        Assert.Equal(503, outcome.Status);
        Assert.Contains("database", outcome.Problem?.GetProperty("detail").GetString());
    }

    private static ClaimsPrincipal Owner(string name) => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "ApiToken"));

    private sealed class SchemeOptions : IOptionsMonitor<AuthenticationSchemeOptions>
    {
        public AuthenticationSchemeOptions CurrentValue { get; } = new();

        public AuthenticationSchemeOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<AuthenticationSchemeOptions, string?> listener) => null;
    }

    /// <summary>
    /// Personal tokens as the handler sees them: one live secret (or none) with its owner, and one issued and
    /// revoked; or, when <paramref name="down"/>, a store whose database cannot be reached.
    /// </summary>
    private sealed class KnownTokens(string? secret = null, ClaimsPrincipal? owner = null, string? issued = null, bool down = false) : IApiTokens
    {
        public Task<ClaimsPrincipal?> AuthenticateAsync(string presented, CancellationToken ct) =>
            down ? throw new TimeoutException("database down") : Task.FromResult(presented == secret ? owner : null);

        public Task<bool> IssuedAsync(string presented, CancellationToken ct) =>
            down ? throw new TimeoutException("database down") : Task.FromResult(presented == secret || presented == issued);

        public Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userName, CancellationToken ct) => throw new NotSupportedException();

        public Task<(ApiTokenInfo Info, string Secret)> CreateAsync(Portal.Domain.Access.Caller owner, string name, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> RevokeAsync(Portal.Domain.Access.Caller owner, Guid id, CancellationToken ct) => throw new NotSupportedException();

        public Task EnsureAsync(string userName, string name, string secret, CancellationToken ct) => throw new NotSupportedException();
    }
}
