using Bunit;
using Bunit.Rendering;
using Portal.Domain.Publishing;
using Portal.Features.Publishing;
using Portal.Infrastructure.Publishing;
using static Portal.Tests.Unit.Features.Publishing.PublishingData;

namespace Portal.Tests.Unit.Features.Publishing;

public class PublishPageTests : PublishingTestContext
{
    private IRenderedComponent<ContainerFragment> OpenPage()
    {
        var cut = RenderPage<PublishPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-button]")));
        return cut;
    }

    private static void TypeNote(IRenderedComponent<ContainerFragment> cut, string note) =>
        cut.Find("[data-testid=publish-note]").Input(note);

    private static string NoteOf(IRenderedComponent<ContainerFragment> cut)
    {
        var note = cut.Find("[data-testid=publish-note]");
        return note.GetAttribute("value") ?? note.TextContent;
    }

    private static bool PublishDisabled(IRenderedComponent<ContainerFragment> cut) =>
        cut.Find("[data-testid=publish-button]").HasAttribute("disabled");

    [Fact]
    public void WhilePromtoolRuns_ShowsProgress_ThenThePlan()
    {
        Publisher.PlanGate = new TaskCompletionSource();

        var cut = RenderPage<PublishPage>();

        Assert.NotEmpty(cut.FindAll("[data-testid=plan-loading]"));
        Assert.Empty(cut.FindAll("[data-testid=namespace-row]"));
        Publisher.PlanGate.SetResult();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=namespace-row]")));
        Assert.Empty(cut.FindAll("[data-testid=plan-loading]"));
    }

    [Fact]
    public void Plan_ShowsHeldBackThenChangedNamespacesFirst_WithTeamFileAndRuleCount_AndTheUnchangedCollapsed()
    {
        Publisher.Plan = Plan(namespaces:
        [
            Namespace("billing", NamespaceStatus.Unchanged, rules: 2),
            Namespace("payments", NamespaceStatus.Changed, rules: 4) with { Team = "payments-team" },
            Namespace("search", NamespaceStatus.Added, rules: 1),
            Namespace("legacy", NamespaceStatus.Removed, rules: 0),
            Namespace("queues", NamespaceStatus.HeldBack, rules: 3, problems: ["bad"]),
        ]);

        var cut = OpenPage();

        var rows = cut.FindAll("[data-testid=namespace-row]");
        Assert.Equal(["queues", "payments", "search", "legacy"], rows.Select(r => r.GetAttribute("data-namespace") ?? "").ToArray());
        Assert.Equal(["held back", "changed", "added", "removed"],
            cut.FindAll("[data-testid=namespace-status]").Select(s => s.TextContent.Trim()).ToArray());
        Assert.Contains("payments.yml", rows[1].TextContent);
        Assert.Equal("payments-team", rows[1].QuerySelector("[data-testid=namespace-team]")!.TextContent.Trim());
        Assert.Contains("4", rows[1].QuerySelectorAll("td")[4].TextContent);
        Assert.Equal(["1 held back", "1 changed", "1 added", "1 removed", "1 unchanged"],
            cut.FindAll("[data-testid=plan-count]").Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToArray());

        cut.Find("[data-testid=plan-unchanged-toggle]").Click();

        cut.WaitForAssertion(() => Assert.Equal("billing", cut.Find("[data-testid=plan-unchanged] [data-testid=namespace-row]").GetAttribute("data-namespace")));
    }

    [Fact]
    public void ManyNamespaces_OnlyTheChangedAreListed_AndTheSearchFindsAnUnchangedOne()
    {
        Publisher.Plan = Plan(namespaces:
        [
            .. Enumerable.Range(0, 200).Select(i => Namespace($"team{i % 12}-svc{i:D3}", NamespaceStatus.Unchanged) with { Team = $"team{i % 12}" }),
            Namespace("payments-api", NamespaceStatus.Changed) with { Team = "payments" },
        ]);

        var cut = OpenPage();

        Assert.Equal("payments-api", Assert.Single(cut.FindAll("[data-testid=namespace-row]")).GetAttribute("data-namespace"));
        Assert.Contains("200 unchanged", cut.Find("[data-testid=plan-unchanged-toggle]").TextContent);

        cut.Find("[data-testid=plan-search]").Input("svc042");

        cut.WaitForAssertion(() => Assert.Equal(["team6-svc042"],
            cut.FindAll("[data-testid=namespace-row]").Select(r => r.GetAttribute("data-namespace") ?? "").ToArray()));
        Assert.Contains("200 namespaces not shown", cut.Find("[data-testid=plan-hidden]").TextContent);
    }

    [Fact]
    public void OtherTeamsChanges_AreCollapsedInTheirOwnSection_WithWhatIsWaiting()
    {
        Publisher.Plan = Plan(namespaces:
        [
            Namespace("payments", NamespaceStatus.Changed) with { Team = "payments" },
            Namespace("search", NamespaceStatus.NotInRelease) with { Team = "search", Pending = 3 },
            Namespace("orders", NamespaceStatus.AwaitingReview) with { Team = "checkout", Pending = 1 },
        ]);

        var cut = OpenPage();

        Assert.Equal(["orders", "payments"], cut.FindAll("[data-testid=namespace-row]").Select(r => r.GetAttribute("data-namespace") ?? "").ToArray());
        Assert.Contains("1 rule change waiting", cut.Find("[data-testid=namespace-pending]").TextContent);
        var toggle = cut.Find("[data-testid=plan-not-in-release-toggle]");
        Assert.Contains("Not in this release (other teams' changes): 1 namespace", toggle.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=plan-not-in-release]"));

        toggle.Click();

        cut.WaitForAssertion(() => Assert.Contains("3 rule changes waiting",
            cut.Find("[data-testid=plan-not-in-release] [data-testid=namespace-row][data-namespace=search]").TextContent));
    }

    [Fact]
    public void ACountChip_ShowsOnlyItsStatus_AndAgainShowsAll()
    {
        Publisher.Plan = Plan(namespaces:
        [
            Namespace("payments", NamespaceStatus.Changed),
            Namespace("search", NamespaceStatus.Added),
            Namespace("queues", NamespaceStatus.HeldBack, problems: ["bad"]),
        ]);
        var cut = OpenPage();

        cut.Find("[data-testid=plan-count][data-status=added]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["search"], cut.FindAll("[data-testid=namespace-row]").Select(r => r.GetAttribute("data-namespace") ?? "").ToArray()));
        cut.Find("[data-testid=plan-count][data-status=added]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=namespace-row]").Count));
    }

    [Fact]
    public void IncludingAnotherTeamsNamespace_PlansAndPublishesTheChosenSet()
    {
        Publisher.Plan = Plan(namespaces: [Namespace("payments", NamespaceStatus.Changed), Namespace("search", NamespaceStatus.NotInRelease) with { Team = "search-team", Pending = 2 }])
            with { Scope = ["payments"] };
        var cut = OpenPage();
        cut.Find("[data-testid=plan-not-in-release-toggle]").Click();

        cut.Find("[data-namespace=search] [data-testid=namespace-include]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["payments", "search"], Publisher.PlanRequests[^1].Namespaces));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=plan-chosen]")));
        TypeNote(cut, "payments and search");
        cut.Find("[data-testid=publish-button]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["payments", "search"], Assert.Single(Publisher.Publishes).Request.Namespaces));
    }

    [Fact]
    public void LiveNow_IsWhatEachTargetVerifiablyHolds_NotTheNewestRelease()
    {
        Publisher.Plan = Plan(current: 9) with
        {
            Live =
            [
                new TargetLive("prometheus-a", 9, [new LiveFile("payments", "pay", "payments.yml", "abc", 9, TwoHoursAgo)], 12, []),
                new TargetLive("prometheus-b", 7, [new LiveFile("payments", "pay", "payments.yml", "def", 7, TwoHoursAgo)], 11, ["payments.yml"]),
            ],
        };

        var cut = OpenPage();

        var targets = cut.FindAll("[data-testid=summary-live-target]");
        Assert.Equal(["prometheus-a", "prometheus-b"], targets.Select(t => t.GetAttribute("data-target") ?? "").ToArray());
        Assert.Contains("release #9", targets[0].TextContent);
        Assert.Contains("12 rules in 1 file", targets[0].TextContent);
        Assert.Contains("release #7", targets[1].TextContent);
        Assert.Contains("1 file changed by hand", targets[1].TextContent);
    }

    [Fact]
    public void IntoTargetsHoldingNothing_ThePlanSaysHowManyRulesItAdds()
    {
        Publisher.Plan = Plan(current: null, changes: [.. Enumerable.Range(0, 3).Select(i => new RuleChange("payments", "api", $"R{i}", null, RuleChangeKind.Added, []))]) with
        {
            Live = [new TargetLive("prometheus-a", null, [], 0, []), new TargetLive("prometheus-b", null, [], 0, [])],
        };

        var cut = OpenPage();

        Assert.Contains("adds 3 rules", cut.Find("[data-testid=summary-into-empty]").TextContent);
    }

    [Fact]
    public void HeldBackNamespace_ShowsEachProblemOnItsOwnLine_AndTheAlertThatItsOldFileStaysLive()
    {
        Publisher.Plan = Plan(namespaces:
        [
            Namespace("payments", NamespaceStatus.Changed),
            Namespace("queues", NamespaceStatus.HeldBack, problems:
            [
                "ApiDown: for must be at least the group interval",
                "queues.yml:12:15: group \"q\", rule 2, \"QueueDeep\": could not parse expression: unexpected right parenthesis ')'",
            ]),
            Namespace("search", NamespaceStatus.HeldBack, problems: ["lint: missing runbook_url"]),
        ]);

        var cut = OpenPage();

        var queues = cut.FindAll("[data-testid=namespace-row]").Single(r => r.GetAttribute("data-namespace") == "queues");
        var problems = queues.QuerySelectorAll("[data-testid=namespace-problem]").Select(p => p.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains("queues.yml:12:15", problems[1]);
        Assert.Contains("2 namespaces are held back; their previously published files stay live", cut.Find("[data-testid=heldback-alert]").TextContent);
        Assert.Contains("2 namespaces", cut.Find("[data-testid=summary-heldback]").TextContent);
    }

    [Fact]
    public void NothingHeldBack_ShowsNoHeldBackAlert()
    {
        Publisher.Plan = Plan(namespaces: [Namespace("payments", NamespaceStatus.Changed)]);

        var cut = OpenPage();

        Assert.Empty(cut.FindAll("[data-testid=heldback-alert]"));
        Assert.Empty(cut.FindAll("[data-testid=namespace-problem]"));
    }

    [Fact]
    public void Warnings_AreCountedAndListedOnlyWhenExpanded()
    {
        Publisher.Plan = Plan(namespaces: [Namespace("payments", NamespaceStatus.Changed, warnings: ["ApiErrors: no runbook_url", "ApiSlow: no summary"])]);
        var cut = OpenPage();

        Assert.Contains("2 warnings", cut.Find("[data-testid=namespace-warnings-toggle]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=namespace-warning]"));

        cut.Find("[data-testid=namespace-warnings-toggle]").Click();

        Assert.Equal(["ApiErrors: no runbook_url", "ApiSlow: no summary"], cut.FindAll("[data-testid=namespace-warning]").Select(w => w.TextContent).ToArray());
    }

    [Fact]
    public void Summary_ShowsTheLiveRelease_TheTargets_AndTheRuleCounts()
    {
        Publisher.Plan = Plan(current: 12, changes:
        [
            new RuleChange("payments", "api", "ApiDown", "critical", RuleChangeKind.Added, [new FieldChange("expr", null, "up == 0")]),
            new RuleChange("payments", "api", "ApiSlow", null, RuleChangeKind.Added, [new FieldChange("expr", null, "x > 1")]),
            ThresholdChange(),
            new RuleChange("legacy", "old", "Gone", null, RuleChangeKind.Removed, [new FieldChange("expr", "y > 1", null)]),
        ]);

        var cut = OpenPage();

        Assert.Equal("/releases/12", cut.Find("[data-testid=summary-current-release] a").GetAttribute("href"));
        Assert.Contains("prometheus-a", cut.Find("[data-testid=summary-targets]").TextContent);
        Assert.Contains("prometheus-b", cut.Find("[data-testid=summary-targets]").TextContent);
        Assert.Equal("2 added", cut.Find("[data-testid=summary-added]").TextContent.Trim());
        Assert.Equal("1 changed", cut.Find("[data-testid=summary-changed]").TextContent.Trim());
        Assert.Equal("1 removed", cut.Find("[data-testid=summary-removed]").TextContent.Trim());
    }

    [Fact]
    public void Summary_BeforeTheFirstRelease_SaysNothingIsPublishedYet()
    {
        Publisher.Plan = Plan(current: null);

        var cut = OpenPage();

        Assert.Equal("Nothing published yet", cut.Find("[data-testid=summary-current-release]").TextContent.Trim());
        Assert.Contains("Publish the first release", cut.Find("[data-testid=publish-button]").TextContent);
    }

    [Fact]
    public void Changes_ShowEachFieldBeforeAndAfter_WithWhoChangedTheRuleAndWhy()
    {
        Publisher.Plan = Plan(
            changes:
            [
                new RuleChange("payments", "api", "ApiErrors", "warning", RuleChangeKind.Changed,
                [
                    new FieldChange("threshold", "0.8", "0.85"),
                    new FieldChange("labels.team", null, "payments"),
                ]),
                new RuleChange("payments", "api", "ApiDown", null, RuleChangeKind.Removed, [new FieldChange("expr", "up == 0", null)]),
            ],
            authors:
            [
                new ChangeAuthor("payments", "ApiErrors", 3, "bob", DateTimeOffset.UtcNow.AddHours(-3), "too noisy at 0.8"),
                new ChangeAuthor("billing", "ApiErrors", 2, "mallory", DateTimeOffset.UtcNow.AddHours(-1), "another namespace"),
            ]);

        var cut = OpenPage();

        var rows = cut.FindAll("[data-testid=change-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("payments/api/ApiErrors", rows[0].TextContent);
        Assert.Equal("changed", rows[0].QuerySelector("[data-testid=change-kind]")!.TextContent.Trim());
        var fields = rows[0].QuerySelectorAll("[data-testid=change-field]").Select(f => f.TextContent.Trim()).ToList();
        Assert.Equal("threshold: 0.8 → 0.85", fields[0]);
        Assert.Equal("labels.team: (none) → payments", fields[1]);
        var author = Assert.Single(rows[0].QuerySelectorAll("[data-testid=change-author]"));
        Assert.Contains("bob", author.TextContent);
        Assert.Contains("3 h ago", author.TextContent);
        Assert.Contains("too noisy at 0.8", author.TextContent);
        Assert.Equal("removed", rows[1].QuerySelector("[data-testid=change-kind]")!.TextContent.Trim());
        Assert.Equal("expr: up == 0", rows[1].QuerySelector("[data-testid=change-field]")!.TextContent.Trim());
    }

    [Fact]
    public void Publish_WithoutANote_AsksForOneAtTheField_AndPublishesNothing()
    {
        var cut = OpenPage();

        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.Contains(PublishPage.NoteRequired, cut.Find("[data-testid=publish-form]").TextContent));
        Assert.Empty(Publisher.Publishes);

        TypeNote(cut, "   ");
        cut.Find("[data-testid=publish-button]").Click();
        Assert.Empty(Publisher.Publishes);
    }

    [Fact]
    public void Publish_Succeeded_ShowsEachTargetsOutcome_LinksTheRelease_AndReloadsThePlan()
    {
        Publisher.PublishAnswer = request => new PublishResult(Publisher.Plan, Summary(8, note: request.Note, targets:
        [
            Target("prometheus-a", TargetOutcome.Live, "12 groups loaded"),
            Target("prometheus-b", TargetOutcome.RolledBack, "reload failed: connection refused; release 7 restored"),
        ]), null);
        var cut = OpenPage();
        TypeNote(cut, "ApiErrors threshold to 0.85");

        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-result]")));
        var (request, actor) = Assert.Single(Publisher.Publishes);
        Assert.Equal(new PublishRequest("ApiErrors threshold to 0.85", Confirm: true, ConfirmEmpty: false), request);
        Assert.Equal("tester", actor);
        var targets = cut.FindAll("[data-testid=publish-result] [data-testid=target-result]");
        Assert.Equal(["live", "rolled back"], targets.Select(t => t.GetAttribute("data-outcome") ?? "").ToArray());
        Assert.Contains("reload failed: connection refused; release 7 restored", targets[1].TextContent);
        Assert.Equal("/releases/8", cut.Find("[data-testid=publish-release-link]").GetAttribute("href"));
        Assert.Equal("partial", cut.Find("[data-testid=publish-result]").GetAttribute("data-status"));
        cut.WaitForAssertion(() => Assert.Equal(2, Publisher.PlanCalls));
        Assert.Equal("", NoteOf(cut));
    }

    [Fact]
    public void Publish_Refused_ShowsWhyAsAWarning_AndKeepsTheNote()
    {
        Publisher.PublishAnswer = _ => new PublishResult(Publisher.Plan, null, "Another publish is running; try again in a minute.");
        var cut = OpenPage();
        TypeNote(cut, "raise ApiErrors");

        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Another publish is running", cut.Find("[data-testid=publish-refusal]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=publish-result]"));
        Assert.Equal("raise ApiErrors", NoteOf(cut));
        Assert.False(PublishDisabled(cut));
    }

    [Fact]
    public void Publish_ClickedAgainWhileTheFirstIsInFlight_PublishesOnce()
    {
        Publisher.PublishGate = new TaskCompletionSource();
        var cut = OpenPage();
        TypeNote(cut, "raise ApiErrors");

        cut.Find("[data-testid=publish-button]").Click();
        cut.WaitForAssertion(() => Assert.True(PublishDisabled(cut)));
        cut.Find("[data-testid=publish-button]").Click();
        Publisher.PublishGate.SetResult();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-result]")));
        Assert.Single(Publisher.Publishes);
    }

    [Fact]
    public void Publish_OfNoRulesAtAll_NeedsTheExtraConfirmation()
    {
        Publisher.Plan = Plan(namespaces: [Namespace("payments", NamespaceStatus.Removed, rules: 0)], files: []);
        var cut = OpenPage();
        TypeNote(cut, "retire the portal's rules");

        Assert.Contains("Prometheus drops every rule the portal manages", cut.Find("[data-testid=publish-form]").TextContent);
        Assert.True(PublishDisabled(cut));
        cut.Find("[data-testid=publish-button]").Click();
        Assert.Empty(Publisher.Publishes);

        cut.Find("[data-testid=publish-empty-confirm]").Change(true);
        cut.WaitForAssertion(() => Assert.False(PublishDisabled(cut)));
        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.Single(Publisher.Publishes));
        Assert.True(Publisher.Publishes[0].Request.ConfirmEmpty);
    }

    [Fact]
    public void Publish_OfSomeRules_OffersNoEmptyConfirmation_AndDoesNotSetIt()
    {
        var cut = OpenPage();
        TypeNote(cut, "raise ApiErrors");

        Assert.Empty(cut.FindAll("[data-testid=publish-empty-confirm]"));
        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.Single(Publisher.Publishes));
        Assert.False(Publisher.Publishes[0].Request.ConfirmEmpty);
    }

    [Fact]
    public void NothingToPublish_DisablesPublishingAndSaysWhy()
    {
        Publisher.Plan = Plan(current: 7, changes: [], nothingToPublish: true,
            namespaces: [Namespace("payments", NamespaceStatus.Unchanged)]);

        var cut = OpenPage();

        Assert.True(PublishDisabled(cut));
        Assert.Contains("Nothing to publish: the files equal release #7.", cut.Find("[data-testid=publish-disabled-reason]").TextContent);
        Assert.Contains("No rule differs", cut.Find("[data-testid=plan-changes-none]").TextContent);
    }

    [Fact]
    public void PublisherThrows_ShowsAnError_KeepsTheNote_AndThePageStillWorks()
    {
        Publisher.PublishFailure = new Portal.Infrastructure.Publishing.PublishingException("Prometheus at http://127.0.0.1:59090 answered 503");
        var cut = OpenPage();
        TypeNote(cut, "raise ApiErrors");

        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.Contains("answered 503", cut.Find("[data-testid=publish-error]").TextContent));
        Assert.Equal("raise ApiErrors", NoteOf(cut));
        Publisher.PublishFailure = null;
        cut.Find("[data-testid=publish-button]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-result]")));
        Assert.Equal(2, Publisher.Publishes.Count);
    }

    [Fact]
    public void PlanFails_ShowsAnError_AndCheckingAgainRecovers()
    {
        Publisher.PlanFailure = new Portal.Infrastructure.Publishing.PublishingException("promtool not found at /usr/bin/promtool");

        var cut = RenderPage<PublishPage>();

        cut.WaitForAssertion(() => Assert.Contains("promtool not found", cut.Find("[data-testid=publish-error]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=publish-button]"));
        Publisher.PlanFailure = null;
        cut.Find("[data-testid=plan-refresh]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-button]")));
        Assert.Empty(cut.FindAll("[data-testid=publish-error]"));
    }

    [Fact]
    public void Header_LinksTheReleasesPage()
    {
        var cut = OpenPage();

        Assert.Equal("/releases", cut.Find("[data-testid=releases-link]").GetAttribute("href"));
    }
}
