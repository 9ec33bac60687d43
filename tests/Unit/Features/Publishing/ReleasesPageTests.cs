using Bunit;
using Bunit.Rendering;
using Portal.Features.Publishing;
using Portal.Infrastructure.Publishing;
using static Portal.Tests.Unit.Features.Publishing.PublishingData;

namespace Portal.Tests.Unit.Features.Publishing;

public class ReleasesPageTests : PublishingTestContext
{
    private IRenderedComponent<ContainerFragment> OpenList(string address = "/releases")
    {
        Navigation.NavigateTo(address);
        var cut = RenderPage<ReleasesPage>();
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("[data-testid=release-row]").Count > 0 || cut.Markup.Contains("No releases yet")));
        return cut;
    }

    [Fact]
    public void List_ShowsTheReleasesNewestFirst_WithWhoWhenNoteAndStatus()
    {
        Releases.Add(Release(1, Summary(1, note: "first release", actor: "alice", at: DateTimeOffset.UtcNow.AddDays(-3))));
        Releases.Add(Release(2, Summary(2, note: "ApiErrors to 0.85", actor: "bob", at: DateTimeOffset.UtcNow.AddHours(-5))));

        var cut = OpenList();

        var rows = cut.FindAll("[data-testid=release-row]");
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-number") ?? "").ToArray());
        Assert.Contains("#2", rows[0].TextContent);
        Assert.Contains("bob", rows[0].TextContent);
        Assert.Contains("ApiErrors to 0.85", rows[0].TextContent);
        Assert.Contains("5 h ago", rows[0].TextContent);
        Assert.Contains("3 d ago", rows[1].TextContent);
        Assert.Equal(["live", "live"], cut.FindAll("[data-testid=release-status]").Select(s => s.TextContent.Trim()).ToArray());
    }

    [Fact]
    public void List_ShowsPerTargetOutcomes_WithTheirDetailOnHover_AndTheStatusTheyAddUpTo()
    {
        Releases.Add(Release(4, Summary(4, targets:
        [
            Target("prometheus-a", TargetOutcome.Live),
            Target("prometheus-b", TargetOutcome.RolledBack, "verify: group api has 2 rules, expected 3"),
        ])));

        var cut = OpenList();

        var targets = cut.FindAll("[data-testid=release-row] [data-testid=target-result]");
        Assert.Equal(["prometheus-a", "prometheus-b"], targets.Select(t => t.TextContent.Trim()).ToArray());
        Assert.Equal("rolled back: verify: group api has 2 rules, expected 3", targets[1].GetAttribute("title"));
        Assert.Equal("partial", cut.Find("[data-testid=release-status]").TextContent.Trim());
    }

    [Fact]
    public void List_ShowsHeldBackNamespaces_AndWhichReleaseARollbackRepublished()
    {
        Releases.Add(Release(3, Summary(3)));
        Releases.Add(Release(5, Summary(5, heldBack: ["queues", "search"], rollbackOf: 3)));

        var cut = OpenList();

        var newest = cut.FindAll("[data-testid=release-row]")[0];
        Assert.Equal(["queues", "search"], newest.QuerySelectorAll("[data-testid=release-heldback]").Select(h => h.TextContent.Trim()).ToArray());
        Assert.Equal("rollback of #3", newest.QuerySelector("[data-testid=release-rollback-of]")!.TextContent.Trim());
        Assert.Null(cut.FindAll("[data-testid=release-row]")[1].QuerySelector("[data-testid=release-rollback-of]"));
    }

    [Fact]
    public void ClickingARow_OpensThatRelease()
    {
        Releases.Add(Release(1));
        Releases.Add(Release(2));
        var cut = OpenList();

        cut.FindAll("[data-testid=release-row]")[1].Click();

        Assert.EndsWith("/releases/1", Navigation.Uri);
    }

    [Fact]
    public void List_AsksForFiftyAtATime_AndPagesToOlderReleasesThroughTheAddress()
    {
        for (var n = 1; n <= 60; n++)
        {
            Releases.Add(Release(n));
        }

        var cut = OpenList();

        Assert.Equal((0, ReleasesPage.PageSize + 1), Releases.Lists.Single());
        Assert.Equal(50, cut.FindAll("[data-testid=release-row]").Count);
        Assert.Equal("60", cut.FindAll("[data-testid=release-row]")[0].GetAttribute("data-number"));
        Assert.Equal("/releases?page=2", cut.Find("[data-testid=releases-older]").GetAttribute("href"));

        Navigation.NavigateTo("/releases?page=2");

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=release-row]").Count));
        Assert.Equal((50, ReleasesPage.PageSize + 1), Releases.Lists[^1]);
        Assert.Equal("10", cut.FindAll("[data-testid=release-row]")[0].GetAttribute("data-number"));
    }

    [Fact]
    public void NoReleases_SaysSoAndLinksThePublishPage()
    {
        var cut = OpenList();

        Assert.Contains("No releases yet", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=release-row]"));
        Assert.Equal("/publish", cut.Find("[data-testid=publish-link]").GetAttribute("href"));
    }
}
