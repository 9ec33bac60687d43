using Portal.Security;
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
}
