using Portal.Security;

namespace Portal.Tests.Unit.Security;

public class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/rules")]
    [InlineData("/rules?namespace=team-a&take=5")]
    [InlineData("/releases/12#files")]
    [InlineData("/rules?q=a%20b")]
    public void APathOfThisSite_IsKept(string url)
    {
        Assert.Equal(url, LocalReturnUrl.Of(url));
    }

    [Theory]
    [InlineData("/\t/example.invalid")]
    [InlineData("/%09/example.invalid")]
    [InlineData("/%2509/example.invalid")]
    [InlineData("//example.invalid")]
    [InlineData("/\\example.invalid")]
    [InlineData("/%2F/example.invalid")]
    [InlineData("/%5Cexample.invalid")]
    [InlineData("%2F%2Fexample.invalid")]
    [InlineData("https://example.invalid/")]
    [InlineData("example.invalid")]
    [InlineData("/rules\\..\\x")]
    [InlineData("/\r\nSet-Cookie: a=b")]
    [InlineData("/%0d%0aSet-Cookie:%20a=b")]
    [InlineData("/%00")]
    [InlineData(" /rules")]
    [InlineData("/%252F%252Fexample.invalid")]
    [InlineData("/%25252525252F%25252525252Fexample.invalid")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingThatIsOrDecodesToSomethingElse_FallsBackToTheHomePage(string? url)
    {
        Assert.Equal("/", LocalReturnUrl.Of(url));
    }

    [Fact]
    public void AVeryLongUrl_FallsBackToTheHomePage()
    {
        Assert.Equal("/", LocalReturnUrl.Of("/" + new string('a', 100_000)));
    }

    [Fact]
    public void CharactersBeyondAscii_ArePercentEncoded_SoTheLocationHeaderCanCarryThem()
    {
        Assert.Equal("/rules?q=%C3%A9t%C3%A9", LocalReturnUrl.Of("/rules?q=été"));
    }
}
