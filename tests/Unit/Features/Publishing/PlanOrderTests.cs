using Portal.Domain.Publishing;
using Portal.Features.Publishing;
using Portal.Infrastructure.Publishing;
using static Portal.Tests.Unit.Features.Publishing.PublishingData;

namespace Portal.Tests.Unit.Features.Publishing;

public class PlanOrderTests
{
    private static readonly NamespacePlan[] Mixed =
    [
        Namespace("zeta", NamespaceStatus.Unchanged) with { Team = "core" },
        Namespace("alpha", NamespaceStatus.Unchanged) with { Team = "core" },
        Namespace("orders", NamespaceStatus.Added) with { Team = "checkout" },
        Namespace("billing", NamespaceStatus.Changed) with { Team = "payments" },
        Namespace("audit", NamespaceStatus.Changed) with { Team = "core" },
        Namespace("old", NamespaceStatus.Removed) with { Team = "core" },
        Namespace("reviewed", NamespaceStatus.AwaitingReview) with { Team = "payments", Pending = 2 },
        Namespace("broken", NamespaceStatus.HeldBack, problems: ["promtool: bad"]) with { Team = "search" },
        Namespace("theirs", NamespaceStatus.NotInRelease) with { Team = "search", Pending = 5 },
    ];

    private static string[] Names(IEnumerable<NamespacePlan> plans) => plans.Select(p => p.Namespace).ToArray();

    [Fact]
    public void Arrange_PutsHeldBackThenAwaitingReviewThenChangedAddedRemoved_FirstByName()
    {
        var layout = PlanOrder.Arrange(Mixed);

        Assert.Equal(["broken", "reviewed", "audit", "billing", "orders", "old"], Names(layout.First));
        Assert.Equal(["alpha", "zeta"], Names(layout.Unchanged));
        Assert.Equal(["theirs"], Names(layout.NotInRelease));
        Assert.Equal(0, layout.Hidden);
    }

    [Fact]
    public void Arrange_CountsEveryStatusThatOccurs_InTheSameOrder()
    {
        var counts = PlanOrder.Arrange(Mixed).Counts;

        Assert.Equal(
            [
                new StatusCount(NamespaceStatus.HeldBack, 1), new StatusCount(NamespaceStatus.AwaitingReview, 1), new StatusCount(NamespaceStatus.Changed, 2),
                new StatusCount(NamespaceStatus.Added, 1), new StatusCount(NamespaceStatus.Removed, 1), new StatusCount(NamespaceStatus.Unchanged, 2),
                new StatusCount(NamespaceStatus.NotInRelease, 1),
            ],
            counts);
    }

    [Fact]
    public void Arrange_WithSearch_KeepsNamespacesWhoseNameFileOrTeamHasEveryWord_AndCountsAllStill()
    {
        var layout = PlanOrder.Arrange(Mixed, "  PAY  bill ");

        Assert.Equal(["billing"], Names(layout.First));
        Assert.Empty(layout.Unchanged);
        Assert.Equal(Mixed.Length - 1, layout.Hidden);
        Assert.Equal(9, layout.Counts.Sum(c => c.Count));
    }

    [Fact]
    public void Arrange_WithSearchForATeam_FindsItsUnchangedAndOtherTeamsSections()
    {
        var layout = PlanOrder.Arrange(Mixed, "search");

        Assert.Equal(["broken"], Names(layout.First));
        Assert.Equal(["theirs"], Names(layout.NotInRelease));
    }

    [Fact]
    public void Arrange_WithAStatus_ShowsOnlyThatStatus()
    {
        var layout = PlanOrder.Arrange(Mixed, status: NamespaceStatus.Unchanged);

        Assert.Empty(layout.First);
        Assert.Equal(["alpha", "zeta"], Names(layout.Unchanged));
        Assert.Equal(7, layout.Hidden);
    }

    [Fact]
    public void Arrange_FileNameMatches_AndATeamlessNamespaceIsNoProblem()
    {
        var layout = PlanOrder.Arrange([Namespace("x", NamespaceStatus.Changed) with { FileName = "legacy-x.yml" }], "legacy");

        Assert.Equal(["x"], Names(layout.First));
    }

    [Fact]
    public void Rank_AStatusThisPageDoesNotKnow_ComesFirstLikeHeldBack()
    {
        Assert.Equal(PlanOrder.Rank(NamespaceStatus.HeldBack), PlanOrder.Rank((NamespaceStatus)99));
        Assert.True(PlanOrder.Rank((NamespaceStatus)99) < PlanOrder.Rank(NamespaceStatus.Changed));
    }

    [Fact]
    public void Arrange_NoNamespaces_IsEmpty()
    {
        var layout = PlanOrder.Arrange([]);

        Assert.Empty(layout.First);
        Assert.Empty(layout.Counts);
    }
}
