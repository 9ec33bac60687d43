using Portal.Domain.Runbooks;

namespace Portal.Tests.Unit.Domain.Runbooks;

public class RunbookHealthTests
{
    private const string Portal = "https://alerts.example.org";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static AlertRunbookRef Alert(string name, string? url = null, string? linked = null, string team = "db") =>
        new(Guid.NewGuid(), name, "ns-" + team, team, url, linked);

    [Fact]
    public void Assess_SortsEachAlertIntoWhatItsRunbookLinkIs()
    {
        var alerts = new[]
        {
            Alert("NoLink"),
            Alert("BlankLink", "  "),
            Alert("Linked", linked: "pg-connections"),
            Alert("Internal", Portal + "/runbooks/pg-connections"),
            Alert("InternalMissing", Portal + "/runbooks/gone#immediate-actions"),
            Alert("RelativeMissing", "/runbooks/also-gone"),
            Alert("ExternalDown", "https://wiki.example.org/down"),
            Alert("ExternalUp", "https://wiki.example.org/up"),
            Alert("ExternalNotChecked", "https://elsewhere.example.net/x"),
            Alert("Templated", "https://wiki.example.org/{{ $labels.service }}"),
        };
        var runbooks = new[] { new RunbookReviewRef("pg-connections", "PostgreSQL connections", "db", null) };
        var checks = new Dictionary<string, LinkCheck>
        {
            ["https://wiki.example.org/down"] = new("https://wiki.example.org/down", false, 404, "answered 404 NotFound", Now),
            ["https://wiki.example.org/up"] = new("https://wiki.example.org/up", true, 200, null, Now),
        };

        var report = RunbookHealth.Assess(alerts, runbooks, checks, Portal, Now);

        Assert.Equal(["NoLink", "BlankLink"], report.WithoutRunbook.Select(a => a.Name));
        Assert.Equal([("InternalMissing", "gone"), ("RelativeMissing", "also-gone")], report.Dangling.Select(d => (d.Rule.Name, d.Slug)));
        Assert.Equal("ExternalDown", Assert.Single(report.Broken).Rule.Name);
        Assert.Equal(1, report.Unchecked);
        Assert.Equal(10, report.Alerts);
    }

    [Fact]
    public void Assess_ListsOverdueRunbooks_LongestOverdueFirst_AndNotThoseWithoutAnInterval()
    {
        var runbooks = new[]
        {
            new RunbookReviewRef("a", "A", "db", Now.AddDays(-2)),
            new RunbookReviewRef("b", "B", "db", Now.AddDays(5)),
            new RunbookReviewRef("c", "C", "db", null),
            new RunbookReviewRef("d", "D", "db", Now.AddDays(-30)),
        };

        var report = RunbookHealth.Assess([], runbooks, new Dictionary<string, LinkCheck>(), Portal, Now);

        Assert.Equal(["d", "a"], report.Overdue.Select(r => r.Slug));
    }

    [Theory]
    [InlineData(null, RunbookUrlKind.None)]
    [InlineData("", RunbookUrlKind.None)]
    [InlineData("https://alerts.example.org/runbooks/redis-memory", RunbookUrlKind.Internal)]
    [InlineData("HTTPS://ALERTS.EXAMPLE.ORG/runbooks/redis-memory", RunbookUrlKind.Internal)]
    [InlineData("/runbooks/redis-memory?x=1", RunbookUrlKind.Internal)]
    [InlineData("https://alerts.example.org/runbooks/", RunbookUrlKind.External)]
    [InlineData("https://alerts.example.org.evil.test/runbooks/x", RunbookUrlKind.External)]
    [InlineData("https://wiki.example.org/page", RunbookUrlKind.External)]
    [InlineData("javascript:alert(1)", RunbookUrlKind.Unknown)]
    [InlineData("file:///etc/passwd", RunbookUrlKind.Unknown)]
    [InlineData("see the wiki", RunbookUrlKind.Unknown)]
    public void Classify(string? url, RunbookUrlKind expected) => Assert.Equal(expected, RunbookHealth.Classify(url, Portal));

    [Fact]
    public void UrlsToCheck_OnlyAllowedHosts_Distinct_AndBounded()
    {
        var alerts = new[]
        {
            Alert("A", "https://wiki.example.org/a"),
            Alert("A2", "https://wiki.example.org/a"),
            Alert("B", "https://docs.team.example.org/b"),
            Alert("C", "http://169.254.169.254/latest/meta-data"),
            Alert("D", "https://example.org.attacker.test/d"),
            Alert("E", "https://wiki.example.org/e", linked: "has-one"),
            Alert("F", "https://wiki.example.org/f"),
        };

        var urls = RunbookHealth.UrlsToCheck(alerts, Portal, ["wiki.example.org", ".team.example.org"], max: 10);
        Assert.Equal(["https://wiki.example.org/a", "https://docs.team.example.org/b", "https://wiki.example.org/f"], urls.Select(u => u.OriginalString));

        Assert.Equal(2, RunbookHealth.UrlsToCheck(alerts, Portal, ["wiki.example.org", ".team.example.org"], max: 2).Count);
        Assert.Empty(RunbookHealth.UrlsToCheck(alerts, Portal, [], max: 10));
    }
}
