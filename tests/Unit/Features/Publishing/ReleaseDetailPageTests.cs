using Bunit;
using Bunit.Rendering;
using Portal.Domain.Publishing;
using Portal.Features.Publishing;
using Portal.Infrastructure.Publishing;
using static Portal.Tests.Unit.Features.Publishing.PublishingData;

namespace Portal.Tests.Unit.Features.Publishing;

public class ReleaseDetailPageTests : PublishingTestContext
{
    private const string PaymentsRules = """
        groups:
          - name: api
            rules:
              - alert: ApiErrors
                expr: errors > 0.85
        """;

    private IRenderedComponent<ContainerFragment> OpenRelease(long number)
    {
        var cut = RenderPage<ReleaseDetailPage>((nameof(ReleaseDetailPage.Number), number));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    private void AddThreeReleases()
    {
        Releases.Add(Release(3));
        Releases.Add(Release(4));
        Releases.Add(Release(5, Summary(5, note: "ApiErrors to 0.85", actor: "bob", heldBack: ["queues"], targets:
            [
                Target("prometheus-a", TargetOutcome.Live, "3 groups loaded"),
                Target("prometheus-b", TargetOutcome.PendingReload, "connection refused; retrying"),
            ]),
            files: [File("payments", PaymentsRules), File("search")],
            changes: [ThresholdChange()]));
    }

    private static void OpenRollbackDialog(IRenderedComponent<ContainerFragment> cut)
    {
        cut.Find("[data-testid=release-rollback]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=rollback-note]")));
    }

    [Fact]
    public void Detail_ShowsTheSummary_EachTargetsOutcome_AndTheRuleChanges()
    {
        AddThreeReleases();

        var cut = OpenRelease(5);

        Assert.Equal("Release #5", cut.Find("h1").TextContent.Trim());
        Assert.Contains("ApiErrors to 0.85", cut.Markup);
        Assert.Equal("bob", cut.Find("[data-testid=release-actor]").TextContent.Trim());
        Assert.Equal("pending", cut.Find("[data-testid=release-status]").TextContent.Trim());
        Assert.Contains("queues", cut.Find("[data-testid=release-heldback]").TextContent);
        var targets = cut.FindAll("[data-testid=release-targets] [data-testid=target-result]");
        Assert.Equal(["live", "pending reload"], targets.Select(t => t.GetAttribute("data-outcome") ?? "").ToArray());
        Assert.Contains("connection refused; retrying", targets[1].TextContent);
        var change = Assert.Single(cut.FindAll("[data-testid=release-changes] [data-testid=change-row]"));
        Assert.Equal("threshold: 0.8 → 0.85", change.QuerySelector("[data-testid=change-field]")!.TextContent.Trim());
    }

    [Fact]
    public void APartlyLiveRelease_NamesTheNamespaceRolledBackAlone_AndOffersARetry_NotARollback()
    {
        var partial = Target("prometheus-a", TargetOutcome.Partial, "1 of 2 namespaces live") with
        {
            Namespaces =
            [
                new NamespaceOutcome("payments", NamespaceOutcomeKind.Live, null),
                new NamespaceOutcome("queues", NamespaceOutcomeKind.RolledBack, "Namespace queues loaded, but rule QueueLag differs"),
            ],
        };
        Releases.Add(Release(7, Summary(7, targets: [partial])));

        var cut = OpenRelease(7);

        Assert.Equal("partial", cut.Find("[data-testid=release-status]").TextContent.Trim());
        var outcome = Assert.Single(cut.FindAll("[data-testid=namespace-outcome]"));
        Assert.Equal("queues", outcome.GetAttribute("data-namespace"));
        Assert.Contains("rule QueueLag differs", outcome.TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=release-retry]"));
        Assert.Empty(cut.FindAll("[data-testid=release-rollback]"));
    }

    [Fact]
    public void Files_ShowNameShortChecksumAndSize_AndUnfoldTheirContent()
    {
        AddThreeReleases();
        var payments = File("payments", PaymentsRules);

        var cut = OpenRelease(5);

        var rows = cut.FindAll("[data-testid=release-file]");
        Assert.Equal(["payments.yml", "search.yml"], rows.Select(r => r.GetAttribute("data-file") ?? "").ToArray());
        var checksum = rows[0].QuerySelector("[data-testid=release-file-checksum]")!;
        Assert.Equal(payments.Checksum[..12], checksum.TextContent.Trim());
        Assert.Equal(payments.Checksum, checksum.GetAttribute("title"));
        Assert.Contains($"{System.Text.Encoding.UTF8.GetByteCount(payments.Content)} B", rows[0].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=release-file-content]"));

        cut.FindAll("[data-testid=release-file-toggle]")[0].Click();

        var content = Assert.Single(cut.FindAll("[data-testid=release-file-content]"));
        Assert.Equal(payments.Content, content.TextContent);
    }

    [Fact]
    public void Download_LinksTheReleasesZip()
    {
        AddThreeReleases();

        var cut = OpenRelease(5);

        var download = cut.Find("[data-testid=release-download]");
        Assert.Equal("/releases/5/download", download.GetAttribute("href"));
        Assert.True(download.HasAttribute("download"));
    }

    [Fact]
    public void Compare_WithAnotherRelease_ShowsTheDiffFromThatReleaseToThisOne()
    {
        AddThreeReleases();
        Releases.Diffs[(3, 5)] =
        [
            new RuleChange("payments", "api", "ApiDown", "critical", RuleChangeKind.Added, [new FieldChange("expr", null, "up == 0")]),
            ThresholdChange(),
        ];
        var cut = OpenRelease(5);

        cut.Find("[data-testid=release-compare]").Change("3");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=release-compare-changes] [data-testid=change-row]").Count));
        Assert.Equal([(3L, 5L)], Releases.DiffCalls);
        Assert.Contains("From release #3 to release #5", cut.Find("[data-testid=release-compare-panel]").TextContent);
        // Changed and removed rules first: they are what a reader looks for among many additions.
        Assert.Equal(["changed", "added"], cut.FindAll("[data-testid=release-compare-changes] [data-testid=change-kind]").Select(k => k.TextContent.Trim()).ToArray());
    }

    [Fact]
    public void Compare_WithManyAdditions_ShowsAPageFirst_AndAllOnRequest()
    {
        AddThreeReleases();
        Releases.Diffs[(3, 5)] = [.. Enumerable.Range(0, 60).Select(i =>
            new RuleChange("payments", "api", $"Added{i}", null, RuleChangeKind.Added,
                [new FieldChange("expr", null, $"up > {i}"), new FieldChange("annotations.summary", null, "long text")]))];
        var cut = OpenRelease(5);

        cut.Find("[data-testid=release-compare]").Change("3");

        cut.WaitForAssertion(() => Assert.Equal(50, cut.FindAll("[data-testid=release-compare-changes] [data-testid=change-row]").Count));
        Assert.Contains("60 added", cut.Find("[data-testid=release-compare-changes-counts]").TextContent);
        Assert.DoesNotContain("annotations.summary", cut.Find("[data-testid=release-compare-changes]").TextContent);
        cut.Find("[data-testid=release-compare-changes-show-all]").Click();
        Assert.Equal(60, cut.FindAll("[data-testid=release-compare-changes] [data-testid=change-row]").Count);
    }

    [Fact]
    public void Compare_WithAReleaseThatDoesNotExist_SaysSo()
    {
        AddThreeReleases();
        var cut = OpenRelease(5);

        cut.Find("[data-testid=release-compare]").Change("42");

        cut.WaitForAssertion(() => Assert.Contains("There is no release #42.", cut.Find("[data-testid=release-compare-error]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=release-compare-changes]"));
    }

    [Fact]
    public void Rollback_WithoutANote_StaysInTheDialog_AndRepublishesNothing()
    {
        AddThreeReleases();
        var cut = OpenRelease(4);
        OpenRollbackDialog(cut);

        cut.Find("[data-testid=rollback-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains(RollbackDialog.NoteRequired, cut.Find("[data-testid=rollback-dialog]").TextContent));
        Assert.Empty(Publisher.Rollbacks);
    }

    [Fact]
    public void Rollback_Cancelled_RepublishesNothing()
    {
        AddThreeReleases();
        var cut = OpenRelease(4);
        OpenRollbackDialog(cut);

        cut.Find("[data-testid=rollback-cancel]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=rollback-dialog]")));
        Assert.Empty(Publisher.Rollbacks);
    }

    [Fact]
    public void Rollback_Confirmed_RepublishesThisReleaseWithTheNote_AndShowsTheNewRelease()
    {
        AddThreeReleases();
        Publisher.RollbackAnswer = (release, request) => new PublishResult(Publisher.Plan, Summary(6, note: request.Note, rollbackOf: release, targets:
        [
            Target("prometheus-a", TargetOutcome.Live),
            Target("prometheus-b", TargetOutcome.Failed, "rules directory is read-only"),
        ]), null);
        var cut = OpenRelease(4);
        OpenRollbackDialog(cut);

        cut.Find("[data-testid=rollback-note]").Input("release 5 paged everyone");
        cut.Find("[data-testid=rollback-confirm]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-result]")));
        var (release, request, actor) = Assert.Single(Publisher.Rollbacks);
        Assert.Equal((4L, new PublishRequest("release 5 paged everyone", Confirm: true), "tester"), (release, request, actor));
        Assert.Equal("/releases/6", cut.Find("[data-testid=publish-release-link]").GetAttribute("href"));
        Assert.Contains("republishes release #4", cut.Find("[data-testid=publish-result]").TextContent);
        Assert.Contains("rules directory is read-only", cut.Find("[data-testid=publish-result] [data-outcome=failed]").TextContent);
    }

    [Fact]
    public void Rollback_ToAReleaseOfNoFiles_NeedsTheExtraConfirmation()
    {
        Releases.Add(Release(2, files: [], changes: []));
        var cut = OpenRelease(2);
        OpenRollbackDialog(cut);
        cut.Find("[data-testid=rollback-note]").Input("drop everything again");

        Assert.True(cut.Find("[data-testid=rollback-confirm]").HasAttribute("disabled"));
        cut.Find("[data-testid=rollback-empty-confirm]").Change(true);
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=rollback-confirm]").HasAttribute("disabled")));
        cut.Find("[data-testid=rollback-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Single(Publisher.Rollbacks));
        Assert.Equal(new PublishRequest("drop everything again", Confirm: true, ConfirmEmpty: true), Publisher.Rollbacks[0].Request);
    }

    [Fact]
    public void Rollback_Refused_ShowsWhy_AndOffersTheNoteAgain()
    {
        AddThreeReleases();
        Publisher.RollbackAnswer = (_, _) => new PublishResult(Publisher.Plan, null, "Release 4's files equal the live release.");
        var cut = OpenRelease(4);
        OpenRollbackDialog(cut);
        cut.Find("[data-testid=rollback-note]").Input("back to 4");
        cut.Find("[data-testid=rollback-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("equal the live release", cut.Find("[data-testid=publish-refusal]").TextContent));
        OpenRollbackDialog(cut);

        var note = cut.Find("[data-testid=rollback-note]");
        Assert.Equal("back to 4", note.GetAttribute("value") ?? note.TextContent);
    }

    [Fact]
    public void UnknownRelease_SaysThereIsNoSuchRelease()
    {
        AddThreeReleases();

        var cut = OpenRelease(99);

        Assert.Contains("There is no release #99", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=release-rollback]"));
    }
}
