using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.Publishing;
using Portal.Domain.Reviews;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Publishing;
using Portal.Infrastructure.Reviews;
using Portal.Tests.Integration.Catalog;

namespace Portal.Tests.Integration.Reviews;

/// <summary>Namespace review on the real database: the four-eyes rule, stale checksums, the gate the publisher asks, the audit.</summary>
public class ReviewStoreTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    /// <summary>Writes the rules and may publish: the author whose own approval must not count.</summary>
    private static readonly Caller Ann = Caller.Of("ann", [PortalRole.Editor, PortalRole.Publisher], ["pay"]);
    private static readonly Caller Pia = Caller.Of("pia", [PortalRole.Publisher], ["pay"]);
    private static readonly Caller Ed = Caller.Of("ed", [PortalRole.Editor], ["pay"]);
    private static readonly Caller Admin = As.Admin("ada");

    private IRuleStore Rules => database.Store;
    private IReviewStore Reviews => database.Reviews;

    private static RuleContent Alert(string name, double threshold = 0.5) =>
        new(RuleKind.Alerting, name, $"sum(rate(errors_total[5m])) > {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            PromDuration.Parse("5m"), null, LabelMap.From(new Dictionary<string, string> { ["severity"] = "page" }), LabelMap.Empty);

    /// <summary>A namespace of team pay with review on, and Ann's first rule in it.</summary>
    private async Task<(string Namespace, GroupSummary Group, RuleDetail Rule)> ReviewedNamespaceAsync()
    {
        var name = "rev-" + Guid.NewGuid().ToString("N")[..8];
        var ns = (await Rules.CreateNamespaceAsync(name, "pay", Ann, default)).Value!;
        Assert.Equal(StoreOutcome.Saved, (await Reviews.SetRequiredAsync(name, true, Pia, default)).Outcome);
        var group = (await Rules.SaveGroupAsync(new GroupEdit(null, ns.Id, "api", null, null, 0), Ann, default)).Value!;
        var rule = (await Rules.SaveAsync(new RuleEdit(null, group.Id, Alert("ApiErrors"), 0, "first"), Ann, default)).Value!;
        return (name, group, rule);
    }

    private async Task<NamespaceReview> ReviewOfAsync(string name) => (await Reviews.ReviewAsync(name, default))!;

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action, string subject) =>
        (await database.Audit.QueryAsync(new AuditQuery(Action: action, Subject: subject), default)).Items;

    [Fact]
    public async Task Approve_ByAnotherPublisherOfTheTeam_OpensTheGateForExactlyThatContent()
    {
        var (name, _, _) = await ReviewedNamespaceAsync();
        var review = await ReviewOfAsync(name);
        Assert.False((await Reviews.GatesAsync(default))[name].Allows(review.Checksum));
        Assert.Equal(["ann"], review.Authors);

        var approved = await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Approve, "looks right", review.Checksum), Pia, default);

        Assert.Equal(StoreOutcome.Saved, approved.Outcome);
        var gate = (await Reviews.GatesAsync(default))[name];
        Assert.True(gate.Allows(review.Checksum));
        Assert.Equal("pia", gate.ApprovedBy);
        Assert.True((await ReviewOfAsync(name)).Approved);
        var audited = Assert.Single(await AuditAsync("review.approve", name));
        Assert.Equal("pia", audited.Actor);
        Assert.Contains("looks right", audited.Detail);
        Assert.Contains(review.Checksum, audited.Detail);
    }

    [Fact]
    public async Task Gate_AfterALaterEdit_NoLongerAllows_UntilTheNewContentIsApproved()
    {
        var (name, group, rule) = await ReviewedNamespaceAsync();
        var first = await ReviewOfAsync(name);
        Assert.Equal(StoreOutcome.Saved, (await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Approve, null, first.Checksum), Pia, default)).Outcome);

        Assert.Equal(StoreOutcome.Saved, (await Rules.SaveAsync(new RuleEdit(rule.Id, group.Id, Alert("ApiErrors", 0.7), rule.Version), Ann, default)).Outcome);

        var edited = await ReviewOfAsync(name);
        Assert.NotEqual(first.Checksum, edited.Checksum);
        Assert.False(edited.Approved);
        var gate = (await Reviews.GatesAsync(default))[name];
        Assert.False(gate.Allows(edited.Checksum));
        Assert.True(gate.Allows(first.Checksum));
        Assert.Equal(edited.Checksum, ReviewRules.Checksum((await Rules.ExportAsync(name, default)).Single().File));
    }

    [Fact]
    public async Task SelfApproval_IsForbidden_AndTheRefusalIsAudited()
    {
        var (name, _, _) = await ReviewedNamespaceAsync();
        var review = await ReviewOfAsync(name);

        var refused = await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Approve, null, review.Checksum), Ann, default);

        Assert.Equal(StoreOutcome.Forbidden, refused.Outcome);
        Assert.Contains("another Publisher of team pay", refused.Errors.Single().Message);
        Assert.Empty((await ReviewOfAsync(name)).History);
        Assert.False((await Reviews.GatesAsync(default))[name].Allows(review.Checksum));
        var denied = Assert.Single(await AuditAsync("denied.review.approve", name));
        Assert.Equal("ann", denied.Actor);
    }

    [Fact]
    public async Task AnEditorWhoIsNotAPublisher_MayNotApprove_NorSwitchReviewOff()
    {
        var (name, _, _) = await ReviewedNamespaceAsync();

        Assert.Equal(StoreOutcome.Forbidden, (await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Approve, null, null), Ed, default)).Outcome);
        Assert.Equal(StoreOutcome.Forbidden, (await Reviews.SetRequiredAsync(name, false, Ed, default)).Outcome);

        Assert.True((await ReviewOfAsync(name)).ReviewRequired);
        Assert.Single(await AuditAsync("denied.review.required", name));
    }

    [Fact]
    public async Task AStaleChecksum_IsAConflict_AndRecordsNothing()
    {
        var (name, group, rule) = await ReviewedNamespaceAsync();
        var seen = (await ReviewOfAsync(name)).Checksum;
        await Rules.SaveAsync(new RuleEdit(rule.Id, group.Id, Alert("ApiErrors", 0.9), rule.Version), Ann, default);

        var stale = await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Approve, null, seen), Pia, default);

        Assert.Equal(StoreOutcome.Conflict, stale.Outcome);
        Assert.Equal("checksum", stale.Errors.Single().Field);
        Assert.Empty((await ReviewOfAsync(name)).History);
    }

    [Fact]
    public async Task Reject_NeedsAComment_AndALaterRejectionClosesTheGate()
    {
        var (name, _, _) = await ReviewedNamespaceAsync();
        var checksum = (await ReviewOfAsync(name)).Checksum;
        await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Approve, null, checksum), Pia, default);

        var bare = await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Reject, "  ", checksum), Admin, default);
        var reasoned = await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Reject, "page severity is too loud", checksum), Admin, default);

        Assert.Equal(StoreOutcome.Invalid, bare.Outcome);
        Assert.Equal("comment", bare.Errors.Single().Field);
        Assert.Equal(StoreOutcome.Saved, reasoned.Outcome);
        var review = await ReviewOfAsync(name);
        Assert.Equal([ReviewDecision.Reject, ReviewDecision.Approve], review.History.Select(h => h.Decision));
        Assert.Equal("page severity is too loud", review.Latest!.Comment);
        Assert.Null((await Reviews.GatesAsync(default))[name].ApprovedChecksum);
        Assert.Single(await AuditAsync("review.reject", name));
    }

    [Fact]
    public async Task Review_DiffsAgainstTheLivePublishedFile_AndCountsOnlyAuthorsSinceThen()
    {
        var (name, group, rule) = await ReviewedNamespaceAsync();
        await PublishLiveAsync(name);
        var later = Caller.Of("lee", [PortalRole.Editor], ["pay"]);
        await Rules.SaveAsync(new RuleEdit(rule.Id, group.Id, Alert("ApiErrors", 0.8), rule.Version, "calmer"), later, default);

        var review = await ReviewOfAsync(name);

        Assert.NotNull(review.PublishedRelease);
        var change = Assert.Single(review.Changes);
        Assert.Equal(RuleChangeKind.Changed, change.Kind);
        Assert.Equal(new FieldChange("threshold", "0.5", "0.8"), Assert.Single(change.Fields));
        Assert.Equal(["lee"], review.Authors);
        Assert.Contains(review.AuthorChanges, c => c.Actor == "lee" && c.What.Contains("ApiErrors version 2"));
        // Ann wrote the published content, not the change: she may approve it.
        Assert.Equal(StoreOutcome.Saved, (await Reviews.DecideAsync(name, new ReviewRequest(ReviewDecision.Approve, null, review.Checksum), Ann, default)).Outcome);
    }

    [Fact]
    public async Task AGroupChange_MakesItsAuthorAnAuthorToo()
    {
        var (name, group, _) = await ReviewedNamespaceAsync();
        await PublishLiveAsync(name);

        await Rules.SaveGroupAsync(new GroupEdit(group.Id, group.NamespaceId, "api", PromDuration.Parse("2m"), null, group.Version), Ed, default);

        var review = await ReviewOfAsync(name);
        Assert.Equal(["ed"], review.Authors);
    }

    [Fact]
    public async Task Gates_ListOnlyNamespacesWithReviewOn()
    {
        var (name, _, _) = await ReviewedNamespaceAsync();
        Assert.Contains(name, (await Reviews.GatesAsync(default)).Keys);

        Assert.Equal(StoreOutcome.Saved, (await Reviews.SetRequiredAsync(name, false, Admin, default)).Outcome);
        Assert.Equal(StoreOutcome.Unchanged, (await Reviews.SetRequiredAsync(name, false, Admin, default)).Outcome);

        Assert.DoesNotContain(name, (await Reviews.GatesAsync(default)).Keys);
        Assert.Equal(2, (await AuditAsync("review.required", name)).Count);
    }

    [Fact]
    public async Task AnUnknownNamespace_IsNotFound()
    {
        Assert.Null(await Reviews.ReviewAsync("no-such-namespace", default));
        Assert.Equal(StoreOutcome.NotFound, (await Reviews.DecideAsync("no-such-namespace", new ReviewRequest(ReviewDecision.Approve, null, null), Pia, default)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, (await Reviews.SetRequiredAsync("no\0pe", true, Pia, default)).Outcome);
    }

    /// <summary>A release holding the namespace's current file, verified live on one target (as the publisher records one).</summary>
    private async Task PublishLiveAsync(string name)
    {
        var file = (await Rules.ExportAsync(name, default)).Single().File;
        await using var db = await database.Contexts.CreateDbContextAsync();
        var number = (db.Releases.Max(r => (long?)r.Number) ?? 0) + 1;
        var rendered = ReleaseFiles.Render(name, file, number);
        var at = DateTimeOffset.UtcNow;
        db.Releases.Add(new ReleaseRow
        {
            Number = number, At = at, Actor = "pia", Note = "test",
            Files = [new ReleaseFileRow { Namespace = name, FileName = rendered.FileName, Content = rendered.Content, Checksum = rendered.Checksum }],
            Targets = [new ReleaseTargetRow { Target = "prometheus", Outcome = TargetOutcome.Live, At = at }],
        });
        db.TargetFiles.Add(new TargetFileRow
        {
            Target = "prometheus", Namespace = name, FileName = rendered.FileName, Content = rendered.Content, Checksum = rendered.Checksum,
            Release = number, VerifiedAt = at,
        });
        await db.SaveChangesAsync();
    }
}
