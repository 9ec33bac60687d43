using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.Publishing;

public sealed class PublishRefusalTests
{
    private const string Note = "raise the disk threshold";

    private static readonly ReleaseFile SomeFile =
        ReleaseFiles.Render("payments", new RuleFile([new RuleGroup("g", [new AlertingRule("DiskFull", "disk_free < 0.1")])]), 3);

    private static NamespacePlan Namespace(string name, NamespaceStatus status) => new(name, name + ".yml", status, 1, [], []);

    private static PlannedRelease Release(IReadOnlyList<string> scope, IReadOnlyList<ReleaseFile>? files = null, IReadOnlyList<NamespacePlan>? namespaces = null,
        IReadOnlyList<string>? unknown = null, IReadOnlyList<string>? othersReverted = null) =>
        new(namespaces ?? scope.Select(n => Namespace(n, NamespaceStatus.Changed)).ToList(), scope, files ?? [SomeFile], [], [], unknown ?? [], othersReverted ?? []);

    [Fact]
    public void Of_ChangesWithANote_MayGoAhead()
    {
        Assert.Null(PublishRefusal.Of(Release(["payments"]), Note, confirmEmpty: false));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Of_WithoutANote_AsksForOne_BeforeAnythingElse(string? note)
    {
        var refusal = PublishRefusal.Of(Release([], unknown: ["nope"]), note, confirmEmpty: true);

        Assert.StartsWith("Write a release note", refusal);
    }

    [Fact]
    public void Of_UnknownNamespaceChosen_NamesIt_EvenWhenOthersHaveChanges()
    {
        var refusal = PublishRefusal.Of(Release(["payments"], unknown: ["paymnets"]), Note, confirmEmpty: false);

        Assert.Equal("No namespace is called \"paymnets\".", refusal);
    }

    [Fact]
    public void Of_EmptyScopeWithEveryTargetLevel_SaysTheTargetsHoldTheseRules()
    {
        var refusal = PublishRefusal.Of(Release([], namespaces: [Namespace("payments", NamespaceStatus.Unchanged)]), Note, confirmEmpty: true);

        Assert.Equal("Nothing to publish: every target already holds these rules.", refusal);
    }

    [Fact]
    public void Of_EmptyScopeWhileOthersWait_CountsThemAndSaysWhyEachWaits()
    {
        var waiting = new[]
        {
            Namespace("billing", NamespaceStatus.HeldBack),
            Namespace("payments", NamespaceStatus.Unchanged),
            Namespace("search", NamespaceStatus.AwaitingReview),
            Namespace("storage", NamespaceStatus.NotInRelease),
        };

        var refusal = PublishRefusal.Of(Release([], namespaces: waiting), Note, confirmEmpty: false);

        Assert.Equal(
            "Nothing to publish in this release's namespaces; 3 other namespaces have changes that it does not take ("
            + $"billing: {NamespaceStatusWords.Of(NamespaceStatus.HeldBack)}, search: {NamespaceStatusWords.Of(NamespaceStatus.AwaitingReview)}, "
            + $"storage: {NamespaceStatusWords.Of(NamespaceStatus.NotInRelease)}).",
            refusal);
    }

    [Fact]
    public void NothingToPublish_MoreThanFiveWaiting_NamesFiveThenEllipsis()
    {
        var waiting = Enumerable.Range(1, 7).Select(i => Namespace($"ns{i}", NamespaceStatus.NotInRelease)).ToList();

        var text = PublishRefusal.NothingToPublish(waiting, []);

        Assert.Contains("7 other namespaces", text);
        Assert.Contains("ns5", text);
        Assert.DoesNotContain("ns6", text);
        Assert.EndsWith(", ...).", text);
    }

    [Fact]
    public void NothingToPublish_RollbackThatWouldRevertOtherTeams_SaysToChooseThem()
    {
        var text = PublishRefusal.NothingToPublish([], ["billing", "search"]);

        Assert.EndsWith(" It would also revert other teams' namespaces (billing, search): choose them explicitly to include them.", text);
    }

    [Fact]
    public void Of_ReleaseLeavingNoRules_NeedsTheEmptySetConfirmed()
    {
        var empty = Release(["payments"], files: [], namespaces: [Namespace("payments", NamespaceStatus.Removed)]);

        Assert.StartsWith("This release has no rules at all", PublishRefusal.Of(empty, Note, confirmEmpty: false));
        Assert.Null(PublishRefusal.Of(empty, Note, confirmEmpty: true));
    }

    [Fact]
    public void UnknownNamespaces_None_IsNull()
    {
        Assert.Null(PublishRefusal.UnknownNamespaces([]));
    }

    [Fact]
    public void UnknownNamespaces_AThousandNames_QuotesTheFirstTenThenCountsTheRest()
    {
        var names = Enumerable.Range(1, 1000).Select(i => $"n{i}").ToList();

        var text = PublishRefusal.UnknownNamespaces(names)!;

        Assert.StartsWith("No namespace is called \"n1\", \"n2\",", text);
        Assert.Contains("\"n10\" (and 990 more names).", text);
        Assert.DoesNotContain("\"n11\"", text);
    }
}
