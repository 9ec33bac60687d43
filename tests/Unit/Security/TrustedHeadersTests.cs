using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.Primitives;
using Portal.Infrastructure.Identity;
using Portal.Security;

namespace Portal.Tests.Unit.Security;

public class TrustedHeadersTests
{
    private static TrustedProxies Proxies(params string[] entries) => TrustedProxies.Parse(entries);

    [Theory]
    [InlineData("10.0.0.0/8", "10.200.3.4")]
    [InlineData("10.0.0.5", "10.0.0.5")]
    [InlineData(" 192.168.1.0/24 ", "192.168.1.255")]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3")]
    [InlineData("10.0.0.5", "::ffff:10.0.0.5")]
    [InlineData("fd00::/8", "fd12:3456::1")]
    [InlineData("::1", "::1")]
    public void Contains_AnAddressInsideAListedRange_IsTrue(string entry, string address)
    {
        Assert.True(Proxies(entry).Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "11.0.0.1")]
    [InlineData("10.0.0.5", "10.0.0.6")]
    [InlineData("192.168.1.0/24", "192.168.2.1")]
    [InlineData("::1", "127.0.0.1")]
    [InlineData("127.0.0.1", "::1")]
    public void Contains_AnAddressOutsideEveryRange_IsFalse(string entry, string address)
    {
        Assert.False(Proxies(entry).Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Contains_NoAddress_OrNoProxies_IsFalse()
    {
        Assert.False(Proxies("0.0.0.0/0").Contains(null));
        Assert.False(Proxies().Contains(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.1/24")]
    [InlineData("10.0.0.0/33")]
    [InlineData("")]
    public void Parse_AnEntryThatIsNeitherAddressNorRange_NamesIt(string entry)
    {
        var error = Assert.Throws<FormatException>(() => Proxies("10.0.0.0/8", entry));

        Assert.Contains($"'{entry}'", error.Message);
    }

    [Fact]
    public void Split_CommaSeparatedGroupsOverSeveralLines_AreTrimmedWithoutEmptiesOrRepeats()
    {
        var groups = GroupsHeader.Split(new StringValues(["sre, platform ,,", "SRE,release-managers", ""]));

        Assert.Equal(["sre", "platform", "release-managers"], groups);
    }

    [Fact]
    public void Split_NoHeader_IsNoGroups()
    {
        Assert.Empty(GroupsHeader.Split(StringValues.Empty));
    }

    private static TrustedHeaderSettings Settings(Action<TrustedHeaderSettings>? change = null)
    {
        var settings = new TrustedHeaderSettings
        {
            Enabled = true,
            Proxies = ["10.0.0.0/8"],
            GroupTeams = new() { ["sre"] = "team-sre", ["db"] = "team-db" },
            GroupRoles = new() { ["sre"] = "Editor", ["admins"] = "admin" },
        };
        change?.Invoke(settings);
        return settings;
    }

    [Fact]
    public void Principal_HasViewerPlusTheRolesAndTeamsOfItsMappedGroups()
    {
        var principal = TrustedHeaderRules.From(Settings()).Principal("alice", ["SRE", "db", "marketing"]);

        Assert.Equal("alice", principal.Identity?.Name);
        Assert.True(TrustedHeaders.ViaProxy(principal));
        Assert.Equal(["Viewer", "Editor"], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(["team-sre", "team-db"], principal.FindAll(PortalClaims.Team).Select(c => c.Value));
        Assert.True(principal.IsInRole("Editor"));
    }

    [Fact]
    public void Principal_WithoutMappedGroups_IsAViewerWithoutTeams()
    {
        var principal = TrustedHeaderRules.From(Settings()).Principal("bob", ["marketing"]);

        Assert.Equal(["Viewer"], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Empty(principal.FindAll(PortalClaims.Team));
    }

    [Fact]
    public void Problem_OfValidOrSwitchedOffSettings_IsNone()
    {
        Assert.Null(TrustedHeaderRules.Problem(Settings()));
        Assert.Null(TrustedHeaderRules.Problem(new TrustedHeaderSettings { Proxies = ["nonsense"], GroupRoles = new() { ["x"] = "Root" } }));
    }

    [Theory]
    [InlineData("proxies", "Proxies is empty")]
    [InlineData("range", "'10.0.0.1/8'")]
    [InlineData("role", "'Root' (for group 'ops')")]
    [InlineData("header", "UserHeader")]
    public void Problem_OfEnabledSettings_SaysWhatIsWrong(string mistake, string expected)
    {
        var settings = Settings(s =>
        {
            switch (mistake)
            {
                case "proxies": s.Proxies = []; break;
                case "range": s.Proxies = ["10.0.0.1/8"]; break;
                case "role": s.GroupRoles["ops"] = "Root"; break;
                default: s.UserHeader = " "; break;
            }
        });

        Assert.Contains(expected, TrustedHeaderRules.Problem(settings));
    }
}
