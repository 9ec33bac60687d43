using Portal.Features.Rules;
using Portal.Security;

namespace Portal.Tests.Unit.Security;

public class BlazorHubTests
{
    private static bool Allowed(string? origin, string scheme = "http", string? host = "portal.example:5080", params string[] allowed) =>
        BlazorHubOriginCheck.IsAllowed([origin], scheme, host, allowed);

    [Theory]
    [InlineData("http://portal.example:5080")]
    [InlineData("HTTP://Portal.Example:5080")]
    [InlineData("http://portal.example:5080/")]
    public void IsAllowed_TheRequestsOwnOrigin_IsAllowed(string origin)
    {
        Assert.True(Allowed(origin));
    }

    [Fact]
    public void IsAllowed_DefaultPortWrittenOrNot_IsTheSameOrigin()
    {
        Assert.True(Allowed("https://portal.example", "https", "portal.example:443"));
        Assert.True(Allowed("https://portal.example:443", "https", "portal.example"));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://portal.example:5081")]
    [InlineData("https://portal.example:5080")]
    [InlineData("http://portal.example.evil.example:5080")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("not an origin")]
    [InlineData("file://portal.example")]
    [InlineData("http://portal.example:5080/some/path")]
    [InlineData("http://user@portal.example:5080")]
    public void IsAllowed_AnyOtherOrigin_IsRefused(string origin)
    {
        Assert.False(Allowed(origin));
    }

    [Fact]
    public void IsAllowed_TwoOriginHeaders_AreRefused_EvenIfBothAreOwn()
    {
        Assert.False(BlazorHubOriginCheck.IsAllowed(["http://portal.example:5080", "http://portal.example:5080"], "http", "portal.example:5080", []));
    }

    [Fact]
    public void IsAllowed_AConfiguredOrigin_IsAllowed_WhenTheProxyChangedSchemeAndHost()
    {
        Assert.True(Allowed("https://portal.example.com", "http", "10.0.0.5:5080", "https://portal.example.com/"));
        Assert.False(Allowed("https://other.example.com", "http", "10.0.0.5:5080", "https://portal.example.com", "not an origin"));
    }

    [Fact]
    public void IsAllowed_WithoutAHost_OnlyConfiguredOriginsAreAllowed()
    {
        Assert.False(Allowed("http://portal.example:5080", host: null));
        Assert.True(Allowed("http://portal.example:5080", host: null, allowed: "http://portal.example:5080"));
    }

    [Fact]
    public void MaximumReceiveMessageSize_CoversTheLongestPasteTheImportBoxTakes_EvenFullyJsonEscaped()
    {
        // The worst paste: every character escaped to six bytes ("\u0001"), the value sent twice.
        Assert.True(BlazorHub.MaximumReceiveMessageSize >= ImportDialog.PasteLimit * 2L * 6 + 4096);
        Assert.True(BlazorHub.MaximumReceiveMessageSize < ImportDialog.MaxFileBytes, "uploads, not the hub, carry whole files");
    }
}
