using Bunit;
using Bunit.Rendering;
using Portal.Features.Publishing;
using Portal.Infrastructure.Publishing;
using static Portal.Tests.Unit.Features.Publishing.PublishingData;

namespace Portal.Tests.Unit.Features.Publishing;

public class DriftPanelTests : PublishingTestContext
{
    private const string EditedFile = """
        # Managed by the Alert Rule Portal: namespace "payments", release 7, rules sha256 0.
        groups:
          - name: api
            rules:
              - alert: ApiErrors
                expr: errors > 0.9
        """;

    private static readonly TargetDrift Edited = new("prometheus-b", 7,
        [new DriftedFile("payments.yml", "payments", DriftKind.Modified, EditedFile), new DriftedFile("search.yml", "search", DriftKind.Missing, null)],
        ["hand-written.yml"]);

    private static readonly TargetDrift Clean = new("prometheus-a", 7, [], []);

    private IRenderedComponent<ContainerFragment> OpenPage()
    {
        var cut = RenderPage<PublishPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish-button]")));
        return cut;
    }

    [Fact]
    public void NoDrift_SaysEveryTargetHoldsItsRelease()
    {
        Publisher.Drift = [Clean];

        var cut = OpenPage();

        Assert.Contains("Every target holds exactly the files it was verified to load", cut.Find("[data-testid=drift-none]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=drift-target]"));
    }

    [Fact]
    public void Drift_ListsModifiedAndMissingFiles_AndForeignOnes_PerTarget()
    {
        Publisher.Drift = [Clean, Edited];

        var cut = OpenPage();

        var target = Assert.Single(cut.FindAll("[data-testid=drift-target]"));
        Assert.Equal("prometheus-b", target.GetAttribute("data-target"));
        Assert.Contains("release #7 live", target.TextContent);
        Assert.Equal(["modified", "missing"], target.QuerySelectorAll("[data-testid=drift-file]").Select(f => f.GetAttribute("data-kind") ?? "").ToArray());
        Assert.Contains("hand-written.yml", target.QuerySelector("[data-testid=drift-foreign]")!.TextContent);
        // Only a modified file has content to import; a missing one has nothing.
        Assert.Single(target.QuerySelectorAll("[data-testid=drift-import]"));
        Assert.Contains("Overwrite with release #7", target.QuerySelector("[data-testid=drift-overwrite]")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=drift-none]"));
    }

    [Fact]
    public void Overwrite_Cancelled_WritesNothing()
    {
        Publisher.Drift = [Edited];
        var cut = OpenPage();

        cut.Find("[data-testid=drift-overwrite]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Overwrite prometheus-b with release #7?", cut.Markup));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("Overwrite prometheus-b with release #7?", cut.Markup));
        Assert.Empty(Publisher.Overwrites);
    }

    [Fact]
    public void Overwrite_Confirmed_WritesTheReleaseOnThatTarget_AndShowsItsOutcome()
    {
        Publisher.Drift = [Clean, Edited];
        var cut = OpenPage();

        cut.Find("[data-testid=drift-overwrite]").Click();
        cut.WaitForAssertion(() => Assert.Contains("The edits are lost", cut.Markup));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Overwrite").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=drift-result]")));
        Assert.Equal([("prometheus-b", "tester")], Publisher.Overwrites);
        var result = cut.Find("[data-testid=drift-result] [data-testid=target-result]");
        Assert.Equal("live", result.GetAttribute("data-outcome"));
        Assert.Contains("release files restored and verified", result.TextContent);
        // Checked again after the overwrite: the target is in sync now.
        Assert.Empty(cut.FindAll("[data-testid=drift-overwrite]"));
        Assert.True(Publisher.DriftCalls >= 2);
    }

    [Fact]
    public void Import_OpensTheRulesImportDialog_PrefilledWithTheLiveFileAndItsNamespace()
    {
        Publisher.Drift = [Edited];
        var cut = OpenPage();

        cut.Find("[data-testid=drift-import]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=import-text]")));
        var text = cut.Find("[data-testid=import-text]");
        Assert.Contains("expr: errors > 0.9", text.GetAttribute("value") ?? text.TextContent);
        Assert.Equal("payments", cut.Find("[data-testid=import-namespace]").GetAttribute("value"));
        Assert.Contains("payments.yml", cut.Find("[data-testid=import-file-name]").TextContent);
    }

    [Fact]
    public void Import_Completed_WritesTheLiveFileIntoTheCatalog_AndChecksThePlanAgain()
    {
        Publisher.Drift = [Edited];
        var cut = OpenPage();
        Assert.Equal(1, Publisher.PlanCalls);
        cut.Find("[data-testid=drift-import]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=import-preview]").HasAttribute("disabled")));

        cut.Find("[data-testid=import-preview]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled")));
        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, Publisher.PlanCalls));
        var (request, actor) = Assert.Single(Rules.Imports);
        Assert.Equal(("payments", EditedFile, "payments.yml", "tester"), (request.Namespace, request.Text, request.FileName, actor));
    }

    [Fact]
    public void CheckAgain_ReadsTheLiveFilesAgain_WithThePlan()
    {
        Publisher.Drift = [Edited];
        var cut = OpenPage();
        Publisher.Drift = [Clean];

        cut.Find("[data-testid=plan-refresh]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=drift-none]")));
        Assert.Equal((2, 2), (Publisher.PlanCalls, Publisher.DriftCalls));
    }

    [Fact]
    public void AfterAPublish_TheLiveFilesAreCheckedAgain()
    {
        Publisher.Drift = [Edited];
        var cut = OpenPage();
        Assert.Equal(1, Publisher.DriftCalls);

        cut.Find("[data-testid=publish-note]").Input("raise ApiErrors");
        Publisher.Drift = [Clean];
        cut.Find("[data-testid=publish-button]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=drift-none]")));
        Assert.Equal(2, Publisher.DriftCalls);
    }
}
