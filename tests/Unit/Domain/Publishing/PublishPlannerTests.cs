using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.Publishing;

public sealed class PublishPlannerTests
{
    private static readonly IReadOnlySet<string> NoTeams = new HashSet<string>();

    private static RuleFile Rules(params string[] exprs) =>
        new([new RuleGroup("g", exprs.Select((e, i) => (Rule)new AlertingRule($"A{i}", e)))]);

    private static ReleaseFile File(string ns, long release, params string[] exprs) => ReleaseFiles.Render(ns, Rules(exprs), release);

    private static NamespaceSource Source(string ns, string team, ReleaseFile? file, params string[] problems) =>
        new(ns, team, file, file is null ? 0 : 1, problems, []);

    private static TargetHolding Holding(string target, params (ReleaseFile File, string Team, bool OnDisk)[] files) =>
        new(target, files.ToDictionary(f => f.File.Namespace, f => new HeldFile(f.File.Namespace, f.Team, f.File, 1, f.OnDisk)));

    private static PlannedRelease Plan(IReadOnlyList<NamespaceSource> sources, IReadOnlyList<TargetHolding> targets, IReadOnlySet<string>? chosen = null,
        IReadOnlySet<string>? teams = null, bool rollback = false) =>
        PublishPlanner.Plan(sources, targets, new PlanRequest(chosen, teams ?? NoTeams, rollback), f => RuleFileParser.Parse(f.Content).File);

    private static NamespacePlan Status(PlannedRelease plan, string ns) => plan.Namespaces.Single(n => n.Namespace == ns);

    [Fact]
    public void Plan_EmptyTargets_AddsEveryRuleOfEveryNamespace()
    {
        var plan = Plan([Source("a", "t1", File("a", 1, "up == 0", "up > 1")), Source("b", "t2", File("b", 1, "up < 1"))], [Holding("p1"), Holding("p2")]);

        Assert.Equal(["a", "b"], plan.Scope);
        Assert.All(plan.Namespaces, n => Assert.Equal(NamespaceStatus.Added, n.Status));
        Assert.Equal(3, plan.Changes.Count(c => c.Kind == RuleChangeKind.Added));
        Assert.All(plan.Writes, w => Assert.Equal(2, w.Writes.Count));
    }

    [Fact]
    public void Plan_SameRulesUnderAnotherReleaseHeader_IsUnchanged_AndWritesNothing()
    {
        var held = File("a", 3, "up == 0");
        var plan = Plan([Source("a", "t", File("a", 9, "up == 0"))], [Holding("p1", (held, "t", true))]);

        Assert.Equal(NamespaceStatus.Unchanged, Status(plan, "a").Status);
        Assert.True(plan.NothingToPublish);
        Assert.Empty(plan.Writes.Single().Writes);
    }

    [Fact]
    public void Plan_HeldFileEditedOnDisk_IsWrittenAgain()
    {
        var held = File("a", 3, "up == 0");
        var plan = Plan([Source("a", "t", held)], [Holding("p1", (held, "t", false))]);

        Assert.Equal(NamespaceStatus.Changed, Status(plan, "a").Status);
        Assert.Equal(held, plan.Writes.Single().Writes.Single().File);
    }

    [Fact]
    public void Plan_OneTargetBehind_WritesOnlyThere_AndDiffsAgainstIt()
    {
        var (old, @new) = (File("a", 1, "up == 0"), File("a", 2, "up == 1"));
        var plan = Plan([Source("a", "t", @new)], [Holding("p1", (@new, "t", true)), Holding("p2", (old, "t", true))]);

        Assert.Equal(NamespaceStatus.Changed, Status(plan, "a").Status);
        Assert.Empty(plan.Writes.Single(w => w.Target == "p1").Writes);
        var write = plan.Writes.Single(w => w.Target == "p2").Writes.Single();
        Assert.Equal((@new, old), (write.File, write.Previous));
        Assert.Equal(RuleChangeKind.Changed, plan.Changes.Single().Kind);
    }

    [Fact]
    public void Plan_NamespaceWithoutRules_RemovesItsFile_AndLeavesNoRulesWhenItWasTheLast()
    {
        var held = File("a", 1, "up == 0");
        var plan = Plan([Source("a", "t", null)], [Holding("p1", (held, "t", true))]);

        Assert.Equal(NamespaceStatus.Removed, Status(plan, "a").Status);
        var write = plan.Writes.Single().Writes.Single();
        Assert.Null(write.File);
        Assert.Equal(held, write.Previous);
        Assert.True(plan.LeavesNoRules);
    }

    [Fact]
    public void Plan_DeletedNamespaceNoLongerInTheCatalog_IsRemoved_UnderItsHeldTeam()
    {
        var held = File("gone", 1, "up == 0");
        var plan = Plan([], [Holding("p1", (held, "t9", true))], teams: new HashSet<string> { "t9" });

        Assert.Equal(NamespaceStatus.Removed, Status(plan, "gone").Status);
        Assert.Equal("t9", Status(plan, "gone").Team);
        Assert.Equal(["gone"], plan.Scope);
    }

    [Fact]
    public void Plan_ProblemsHoldBack_AndTheHeldFileStaysInTheRuleSet()
    {
        var held = File("a", 1, "up == 0");
        var plan = Plan([Source("a", "t", File("a", 2, "up == 1"), "promtool: bad")], [Holding("p1", (held, "t", true))]);

        Assert.Equal(NamespaceStatus.HeldBack, Status(plan, "a").Status);
        Assert.Equal(1, Status(plan, "a").Pending);
        Assert.Empty(plan.Scope);
        Assert.Equal([held], plan.Files);
    }

    [Fact]
    public void Plan_AwaitingReview_IsNotPublished()
    {
        var source = Source("a", "t", File("a", 2, "up == 1")) with { AwaitingReview = true };
        var plan = Plan([source], [Holding("p1")]);

        Assert.Equal(NamespaceStatus.AwaitingReview, Status(plan, "a").Status);
        Assert.True(plan.NothingToPublish);
    }

    [Fact]
    public void Plan_ByDefault_TakesOnlyTheCallersTeams_AndListsTheRestAsNotInRelease()
    {
        var plan = Plan([Source("mine", "a", File("mine", 1, "up == 0")), Source("theirs", "b", File("theirs", 1, "up == 0", "up > 3"))], [Holding("p1")],
            teams: new HashSet<string> { "a" });

        Assert.Equal(["mine"], plan.Scope);
        Assert.Equal(NamespaceStatus.NotInRelease, Status(plan, "theirs").Status);
        Assert.Equal(2, Status(plan, "theirs").Pending);
        Assert.Equal(["mine"], plan.Writes.Single().Writes.Select(w => w.Namespace));
        Assert.DoesNotContain(plan.Files, f => f.Namespace == "theirs");
    }

    [Fact]
    public void Plan_ChosenNamespaces_OverrideTheDefault_AndUnknownNamesAreReported()
    {
        var plan = Plan([Source("mine", "a", File("mine", 1, "up == 0")), Source("theirs", "b", File("theirs", 1, "up == 0"))], [Holding("p1")],
            chosen: new HashSet<string> { "theirs", "nope" }, teams: new HashSet<string> { "a" });

        Assert.Equal(["theirs"], plan.Scope);
        Assert.Equal(["nope"], plan.Unknown);
        Assert.Equal(NamespaceStatus.NotInRelease, Status(plan, "mine").Status);
    }

    [Fact]
    public void Plan_RollbackTouchingAnotherTeam_ListsIt_UntilChosen()
    {
        var (mineNow, theirsNow) = (File("mine", 5, "up == 1"), File("theirs", 5, "up == 1"));
        var targets = new[] { Holding("p1", (mineNow, "a", true), (theirsNow, "b", true)) };
        var sources = new[] { Source("mine", "a", File("mine", 2, "up == 0")), Source("theirs", "b", File("theirs", 2, "up == 0")) };

        var own = Plan(sources, targets, teams: new HashSet<string> { "a" }, rollback: true);
        var both = Plan(sources, targets, chosen: new HashSet<string> { "mine", "theirs" }, teams: new HashSet<string> { "a" }, rollback: true);

        Assert.Equal(["mine"], own.Scope);
        Assert.Equal(["theirs"], own.OthersReverted);
        Assert.Equal(["mine", "theirs"], both.Scope);
        Assert.Empty(both.OthersReverted);
    }

    [Fact]
    public void Reuse_KeepsTheBytesATargetHolds_WhenOnlyTheHeaderWouldDiffer()
    {
        var held = File("a", 3, "up == 0");
        var rendered = File("a", 8, "up == 0");

        Assert.Same(held, PublishPlanner.Reuse(rendered, [Holding("p1", (held, "t", true))]));
        Assert.Same(rendered, PublishPlanner.Reuse(rendered, [Holding("p1", (File("a", 3, "up == 1"), "t", true))]));
    }
}
