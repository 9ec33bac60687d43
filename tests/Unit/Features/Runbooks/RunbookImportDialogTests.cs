using Bunit;
using Bunit.Rendering;
using MudBlazor;
using Portal.Domain.Catalog;
using Portal.Domain.Runbooks;
using Portal.Features.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Unit.Features.Runbooks;

public class RunbookImportDialogTests : RunbooksTestContext
{
    private const string TwoSections = """
        # Database runbooks

        ## Disk full

        1. Free space in /var/log.

        ### Why it fills

        Logs rotate weekly.

        ## Replication lag

        1. Look at the replica's WAL receiver.
        """;

    private IDialogReference? _dialog;

    public RunbookImportDialogTests() => SignIn("erin", "Editor", "team-a");

    private IRenderedComponent<ContainerFragment> OpenDialog()
    {
        var (cut, dialog) = ShowDialog<RunbookImportDialog>("Import runbooks");
        cut.WaitForAssertion(() => Assert.True(dialog.IsCompleted));
        _dialog = dialog.Result;
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=runbook-import-text]")));
        return cut;
    }

    /// <summary>Pastes and previews; the text box reports typing after a short debounce, which the preview button waits for.</summary>
    private static void PasteAndPreview(IRenderedComponent<ContainerFragment> cut, string text)
    {
        cut.Find("[data-testid=runbook-import-text]").Input(text);
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=runbook-import-preview-button]").HasAttribute("disabled")));
        cut.Find("[data-testid=runbook-import-preview-button]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=runbook-import-row]")));
    }

    private static IReadOnlyList<string> Slugs(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll("[data-testid=runbook-import-slug]").Select(i => i.GetAttribute("value") ?? "").ToList();

    [Fact]
    public void Preview_SplitsAtLevelTwo_ShowsTitleSlugSizeAndSections_AndWritesNothing()
    {
        var cut = OpenDialog();

        PasteAndPreview(cut, TwoSections);

        var rows = cut.FindAll("[data-testid=runbook-import-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Disk full", rows[0].TextContent);
        Assert.Contains("Replication lag", rows[1].TextContent);
        Assert.Equal(["disk-full", "replication-lag"], Slugs(cut));
        // The Disk full section keeps its ### subsection: one heading inside it.
        Assert.Equal("1", rows[0].QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.EndsWith(" B", rows[1].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("Import 2 runbooks", cut.Find("[data-testid=runbook-import-confirm]").TextContent.Trim());
        Assert.Empty(Store.Imports);
        Assert.Empty(Store.Saved);
    }

    [Fact]
    public async Task Import_WritesTheEditedSlugs_WithTheTeamAndCommonTags_AndClosesWithTheSlugs()
    {
        var cut = OpenDialog();
        PasteAndPreview(cut, TwoSections);

        cut.FindAll("[data-testid=runbook-import-slug]")[1].Input("db-replication-lag");
        cut.Find("[data-testid=runbook-import-tags] input, input[data-testid=runbook-import-tags]").Change("Database, on-call");
        cut.Find("[data-testid=runbook-import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Single(Store.Imports));
        var imported = Store.Imports.Single();
        Assert.Equal(["disk-full", "db-replication-lag"], imported.Select(r => r.Slug));
        Assert.All(imported, r => Assert.Equal("team-a", r.Team));
        Assert.All(imported, r => Assert.Equal(["database", "on-call"], r.Tags));
        Assert.Contains("Free space in /var/log", imported[0].Body);
        Assert.DoesNotContain("Replication lag", imported[0].Body);
        Assert.NotNull(Store.Get("db-replication-lag"));
        var result = (await _dialog!.Result.WaitAsync(TimeSpan.FromSeconds(10)))!;
        Assert.False(result.Canceled);
        Assert.Equal(["disk-full", "db-replication-lag"], (IReadOnlyList<string>)result.Data!);
    }

    [Fact]
    public void Preview_MarksASlugThatExists_AndTheMarkGoesWhenTheSlugIsChanged()
    {
        Store.Add("disk-full", "Disk full (the old one)");
        var cut = OpenDialog();

        PasteAndPreview(cut, TwoSections);

        var marked = cut.FindAll("[data-testid=runbook-import-row]").Where(r => r.QuerySelector("[data-testid=runbook-import-exists]") is not null).ToList();
        Assert.Equal("disk-full", Assert.Single(marked).GetAttribute("data-slug"));
        Assert.Contains("1 slug already taken", cut.Find("[data-testid=runbook-import-existing-count]").TextContent);

        cut.FindAll("[data-testid=runbook-import-slug]")[0].Input("disk-full-2");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=runbook-import-exists]")));
        Assert.Empty(cut.FindAll("[data-testid=runbook-import-existing-count]"));
    }

    [Fact]
    public void Import_RefusedForOneItem_ShowsTheProblemAtItsRow_WritesNothing_AndKeepsTheText()
    {
        Store.Add("replication-lag", "Replication lag (the old one)");
        var cut = OpenDialog();
        PasteAndPreview(cut, TwoSections);

        cut.Find("[data-testid=runbook-import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=runbook-import-row-error]")));
        var rows = cut.FindAll("[data-testid=runbook-import-row]");
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=runbook-import-row-error]"));
        Assert.Contains("is taken", rows[1].QuerySelector("[data-testid=runbook-import-row-error]")!.TextContent);
        Assert.Contains("Nothing was imported", cut.Find("[data-testid=runbook-import-error]").TextContent);
        Assert.Null(Store.Get("disk-full"));
        Assert.Equal(TwoSections, cut.Find("[data-testid=runbook-import-text]").GetAttribute("value") ?? cut.Find("[data-testid=runbook-import-text]").TextContent);
        Assert.False(_dialog!.Result.IsCompleted);
    }

    [Fact]
    public void Import_AProblemNamingNoRow_IsShownAboveThePreview()
    {
        Store.NextImport = _ => new(StoreOutcome.Conflict, null, [new FieldError("slug", "Another runbook took one of these slugs at the same moment; nothing was imported.")]);
        var cut = OpenDialog();
        PasteAndPreview(cut, TwoSections);

        cut.Find("[data-testid=runbook-import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("at the same moment", cut.Find("[data-testid=runbook-import-error]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=runbook-import-row-error]"));
        Assert.Equal(2, cut.FindAll("[data-testid=runbook-import-row]").Count);
    }

    [Fact]
    public void EditingTheText_DropsThePreview_SoNothingStaleIsImported()
    {
        var cut = OpenDialog();
        PasteAndPreview(cut, TwoSections);

        cut.Find("[data-testid=runbook-import-text]").Input(TwoSections + "\n## Third\n\nmore\n");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=runbook-import-row]")));
        Assert.True(cut.Find("[data-testid=runbook-import-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    public void EmptyList_OffersTheStarterRunbooks_PreviewedAtOnce_OneRowEach()
    {
        Navigation.NavigateTo("/runbooks");
        var cut = RenderPage<RunbooksPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=runbooks-starter]")));

        cut.Find("[data-testid=runbooks-starter]").Click();

        cut.WaitForAssertion(() => Assert.Equal(StarterRunbooks.All.Count, cut.FindAll("[data-testid=runbook-import-row]").Count));
        Assert.Equal(StarterRunbooks.All.Select(s => s.Slug), Slugs(cut));
        Assert.NotNull(cut.Find("[data-testid=runbook-import-starter]"));
        Assert.Empty(cut.FindAll("[data-testid=runbook-import-text]"));
        Assert.Empty(Store.Imports);

        cut.Find("[data-testid=runbook-import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(StarterRunbooks.All.Count, Store.Imports.Single().Count));
        Assert.Equal(StarterRunbooks.All[0].Tags, Store.Imports.Single()[0].Tags);
        Assert.All(Store.Imports.Single(), r => Assert.Equal("team-a", r.Team));
        // Several runbooks imported: the list shows them.
        cut.WaitForAssertion(() => Assert.Equal(StarterRunbooks.All.Count, cut.FindAll("[data-testid=runbook-row]").Count));
    }

    [Fact]
    public void ListHeader_HasImportForWriters_AndASingleImportedRunbookIsOpened()
    {
        Store.Add("existing", "Existing runbook");
        Navigation.NavigateTo("/runbooks");
        var cut = RenderPage<RunbooksPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=runbook-row]")));

        cut.Find("[data-testid=runbooks-import]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=runbook-import-text]")));
        PasteAndPreview(cut, "## Only one\n\nsteps\n");
        cut.Find("[data-testid=runbook-import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/runbooks/only-one", Navigation.Uri));
    }

    [Fact]
    public void Viewer_SeesNoImportButton()
    {
        SignIn("vic", "Viewer", "team-a");
        Navigation.NavigateTo("/runbooks");
        var cut = RenderPage<RunbooksPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));

        Assert.Empty(cut.FindAll("[data-testid=runbooks-import]"));
        Assert.Empty(cut.FindAll("[data-testid=runbooks-starter]"));
    }
}
