using Portal.Domain.Live;
using static Portal.Tests.Unit.Domain.Live.LiveTestData;

namespace Portal.Tests.Unit.Domain.Live;

public class LiveMatchingTests
{
    [Fact]
    public void Match_GroupFromAFileTheTargetHolds_IsThePortals_WithItsNamespaceGroupAndName()
    {
        var groups = new[] { Group("api", "/etc/prometheus/rules/p-payments.yml", Alert("HighErrors")) };

        var matched = Assert.Single(LiveMatching.Match("prometheus-a", groups, [File("payments", prefix: "p-")]));

        Assert.Equal(new PublishedRuleKey("payments", "api", "HighErrors", 1), matched.Key);
        Assert.Equal("prometheus-a", matched.Target);
        Assert.Equal(12, matched.Published!.Release);
    }

    [Fact]
    public void Match_GroupFromAFileThePortalDidNotPublish_IsNotManaged()
    {
        var groups = new[] { Group("node", "/etc/prometheus/rules/hand-made.yml", Alert("NodeDown")) };

        var matched = Assert.Single(LiveMatching.Match("prometheus-a", groups, [File("payments")]));

        Assert.Null(matched.Key);
        Assert.Null(matched.Published);
    }

    [Fact]
    public void Match_RepeatedNames_AreToldApartByTheirOrderInTheGroup()
    {
        var groups = new[] { Group("disk", "/r/infra.yml", Alert("DiskFull"), Alert("DiskFull"), Alert("Other")) };

        var keys = LiveMatching.Match("a", groups, [File("infra")]).Select(m => m.Key!.Occurrence).ToList();

        Assert.Equal([1, 2, 1], keys);
    }

    [Fact]
    public void Index_SkipsDisabledRules_SoTheNextRuleOfTheSameNameTakesItsPublishedPlace()
    {
        var disabled = Stored("infra", "disk", "DiskFull", enabled: false);
        var enabled = Stored("infra", "disk", "DiskFull");

        var index = LiveMatching.Index([disabled, enabled]);

        Assert.Same(enabled, index[new PublishedRuleKey("infra", "disk", "DiskFull", 1)]);
        Assert.Single(index);
    }

    [Fact]
    public void KeyOf_ADisabledRule_IsNull_AndOfTheSecondOfTwoNames_IsOccurrenceTwo()
    {
        var first = Stored("infra", "disk", "DiskFull");
        var second = Stored("infra", "disk", "DiskFull");
        var off = Stored("infra", "disk", "Off", enabled: false);

        Assert.Equal(2, LiveMatching.KeyOf(second, [first, off, second])!.Occurrence);
        Assert.Null(LiveMatching.KeyOf(off, [first, off, second]));
    }

    [Theory]
    [InlineData("/a/b/c.yml", "c.yml")]
    [InlineData("c.yml", "c.yml")]
    [InlineData(@"C:\rules\c.yml", "c.yml")]
    public void FileName_DropsTheDirectoryPrometheusReports(string path, string expected) =>
        Assert.Equal(expected, LiveMatching.FileName(path));
}
