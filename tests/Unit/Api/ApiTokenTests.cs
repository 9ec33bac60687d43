using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Portal.Api.V1;

namespace Portal.Tests.Unit.Api;

public class ApiTokenTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Check_RightBearerToken_IsAccepted()
    {
        Assert.Equal(TokenVerdict.Accepted, ApiToken.Check(Token, new StringValues("Bearer " + Token)));
        Assert.Equal(TokenVerdict.Accepted, ApiToken.Check(Token, new StringValues("bearer  " + Token + " ")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_NoTokenConfigured_IsNotConfigured_EvenWithAHeader(string? configured)
    {
        Assert.Equal(TokenVerdict.NotConfigured, ApiToken.Check(configured, new StringValues("Bearer " + Token)));
        Assert.Equal(TokenVerdict.NotConfigured, ApiToken.Check(configured, new StringValues("Bearer ")));
        Assert.Equal(TokenVerdict.NotConfigured, ApiToken.Check(configured, StringValues.Empty));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData(Token)]
    public void Check_NoBearerToken_IsMissing(string? header)
    {
        Assert.Equal(TokenVerdict.Missing, ApiToken.Check(Token, header is null ? StringValues.Empty : new StringValues(header)));
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer " + Token + "0")]
    [InlineData("Bearer 0123456789abcdef0123456789abcdeF")]
    [InlineData("Bearer")]
    public void Check_OtherToken_IsWrong(string header)
    {
        var verdict = ApiToken.Check(Token, new StringValues(header));

        Assert.True(verdict is TokenVerdict.Wrong or TokenVerdict.Missing);
        Assert.NotEqual(TokenVerdict.Accepted, verdict);
    }

    [Fact]
    public void Check_TwoAuthorizationHeaders_AreRefused()
    {
        Assert.Equal(TokenVerdict.Wrong, ApiToken.Check(Token, new StringValues(["Bearer " + Token, "Bearer " + Token])));
    }

    [Fact]
    public void DefaultComparer_IsCryptographicOperationsFixedTimeEquals()
    {
        var fixedTime = typeof(CryptographicOperations).GetMethod(nameof(CryptographicOperations.FixedTimeEquals),
            BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>), typeof(ReadOnlySpan<byte>)]);

        Assert.Equal(fixedTime, ApiToken.DefaultComparer.Method);
    }

    [Theory]
    [InlineData("Bearer " + Token)]
    [InlineData("Bearer x")]
    [InlineData("Bearer " + Token + Token + Token)]
    public void Check_AlwaysComparesThroughTheComparer_WithEqualLengths(string header)
    {
        var lengths = new List<(int, int)>();

        ApiToken.Check(Token, new StringValues(header), (left, right) =>
        {
            lengths.Add((left.Length, right.Length));
            return CryptographicOperations.FixedTimeEquals(left, right);
        });

        // One comparison, never an early return on a length difference that would time the real token's length.
        var (left, right) = Assert.Single(lengths);
        Assert.Equal(left, right);
    }

    [Fact]
    public async Task Filter_NoTokenConfigured_Refuses503_WithADetail_AndNeverCallsTheHandler()
    {
        var (response, called) = await FilterAsync(configured: "", header: "Bearer " + Token);

        Assert.False(called);
        Assert.Equal(503, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("not configured", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Filter_MissingToken_Is401_WithBearerChallenge()
    {
        var (response, called) = await FilterAsync(configured: Token, header: null);

        Assert.False(called);
        Assert.Equal(401, response.Status);
        Assert.StartsWith("Bearer", response.Headers.WWWAuthenticate.ToString());
        Assert.Contains("Authorization: Bearer", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Filter_WrongToken_Is401_WithInvalidTokenChallenge()
    {
        var (response, called) = await FilterAsync(configured: Token, header: "Bearer nope");

        Assert.False(called);
        Assert.Equal(401, response.Status);
        Assert.Contains("invalid_token", response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task Filter_RightToken_CallsTheHandler()
    {
        var (response, called) = await FilterAsync(configured: Token, header: "Bearer " + Token);

        Assert.True(called);
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public void WithoutASignedInUser_TheActingUserMayWriteNothing()
    {
        var nobody = new ActingUser(new ApiHttp.StaticOptions(new ApiSettings { LocalUser = "local-admin" }));

        Assert.Empty(nobody.Caller.Roles);
        Assert.NotNull(nobody.Refusal(Portal.Domain.Access.PortalAction.Publish));
        Assert.NotNull(nobody.Refusal(Portal.Domain.Access.PortalAction.EditRules, "team-a"));
    }

    [Fact]
    public void ActingUser_IsTheConfiguredLocalUser_OrLocalAdmin()
    {
        Assert.Equal("alice", ApiHttp.User("alice").Name);
        Assert.Equal("local-admin", ApiHttp.User(null).Name);
        Assert.Equal("local-admin", ApiHttp.User(" ").Name);
    }

    [Fact]
    public async Task APersonalToken_IsAccepted_AndTheCallCarriesItsOwner()
    {
        var owner = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "pia")], "ApiToken"));
        var filter = new ApiTokenFilter(new ApiHttp.StaticOptions(new ApiSettings { BootstrapApiToken = "" }), new KnownTokens("arp_personal", owner));
        var request = ApiHttp.Request(headers: ("Authorization", "Bearer arp_personal"));
        System.Security.Claims.ClaimsPrincipal? seen = null;

        await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(request.HttpContext), context =>
        {
            seen = context.HttpContext.User;
            return ValueTask.FromResult<object?>(Results.Ok());
        });

        Assert.Equal("pia", seen?.Identity?.Name);
    }

    /// <summary>Personal tokens as the filter sees them: one known secret (or none) and its owner.</summary>
    private sealed class KnownTokens(string? secret = null, System.Security.Claims.ClaimsPrincipal? owner = null) : Portal.Infrastructure.Identity.IApiTokens
    {
        public Task<System.Security.Claims.ClaimsPrincipal?> AuthenticateAsync(string presented, CancellationToken ct) =>
            Task.FromResult(presented == secret ? owner : null);

        public Task<IReadOnlyList<Portal.Infrastructure.Identity.ApiTokenInfo>> ListAsync(string userName, CancellationToken ct) => throw new NotSupportedException();

        public Task<(Portal.Infrastructure.Identity.ApiTokenInfo Info, string Secret)> CreateAsync(Portal.Domain.Access.Caller owner, string name, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> RevokeAsync(Portal.Domain.Access.Caller owner, Guid id, CancellationToken ct) => throw new NotSupportedException();

        public Task EnsureAsync(string userName, string name, string secret, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> IssuedAsync(string presented, CancellationToken ct) => Task.FromResult(presented == secret);
    }

    private static async Task<(ApiHttp.Response Response, bool Called)> FilterAsync(string configured, string? header)
    {
        var filter = new ApiTokenFilter(new ApiHttp.StaticOptions(new ApiSettings { BootstrapApiToken = configured }), new KnownTokens());
        var request = header is null ? ApiHttp.Request() : ApiHttp.Request(headers: ("Authorization", header));
        var called = false;
        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(request.HttpContext), _ =>
        {
            called = true;
            return ValueTask.FromResult<object?>(Results.Ok());
        });

        var response = await ApiHttp.RunAsync((IResult)result!);
        // The challenge header is set on the request's own response, before the result runs.
        foreach (var (name, value) in request.HttpContext.Response.Headers)
        {
            response.Headers[name] = value;
        }

        return (response, called);
    }
}
