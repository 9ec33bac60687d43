using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>
/// The Rules area as a user drives it: the list, the import dialog, the rule editor with its history,
/// and the conflict dialog. Locators are test ids and roles, never MudBlazor's CSS classes.
/// </summary>
public sealed class RulesPageObject(PortalPage portal)
{
    public PortalPage Portal { get; } = portal;

    private IPage Page => Portal.Page;

    /// <summary>A fixture document as users write them (Markdown with ```yaml blocks), from tests/Fixtures.</summary>
    public static string FixtureDocument(string name = FixtureDocuments.MetricsAndAlertPairs) => FixtureDocuments.Read(name);

    /// <summary>A namespace no other test run uses, so tests never see each other's rules.</summary>
    public static string UniqueNamespace(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public ILocator RuleLinks => Page.GetByTestId("rule-link");

    public ILocator RuleLink(string name) => RuleLinks.Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{name}$") });

    /// <summary>The snackbar saying <paramref name="text"/>; earlier ones may still be on screen.</summary>
    public ILocator Snackbar(string text) => Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = text }).First;

    /// <summary>What the window shows, for dialogs whose page behind would make a full-page shot very tall.</summary>
    public async Task ScreenshotWindowAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png") });

    public async Task OpenListAsync(string query = "")
    {
        await Portal.GoToAsync("/rules" + query);
        await Expect(Portal.Heading).ToHaveTextAsync("Rules");
        // Either the grid or the empty state, once the catalog has answered.
        await Expect(Page.GetByTestId("rules-grid").Or(Page.GetByTestId("empty-import")).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    /// <summary>
    /// Loads the starter pack when the list offers it (an empty catalog, or one without portal-stack);
    /// returns whether it did, since an earlier test or run against the same database may have loaded it.
    /// </summary>
    public async Task<bool> EnsureStarterPackAsync(Func<Task>? beforeLoading = null)
    {
        await OpenListAsync();
        var starter = Page.GetByTestId("load-starter-pack");
        if (!await starter.IsVisibleAsync())
        {
            return false;
        }

        if (beforeLoading is not null)
        {
            await beforeLoading();
        }

        // The pack opens in the import dialog with its preview; nothing is written until Import is pressed.
        await starter.ClickAsync();
        await Expect(Page.GetByTestId("import-count-create")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Page.GetByTestId("import-confirm").ClickAsync();
        await Expect(Snackbar("into portal-stack")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return true;
    }

    public async Task OpenImportDialogAsync()
    {
        // The dialog lists the teams when it opens: the E2E team must exist by then.
        await People.EnsureTeamAsync(E2eTeam);
        await Page.GetByTestId("import").Or(Page.GetByTestId("empty-import")).First.ClickAsync();
        await Expect(Page.GetByTestId("import-text")).ToBeVisibleAsync();
    }

    /// <summary>The team the E2E tests' own namespaces belong to.</summary>
    public const string E2eTeam = "e2e";

    /// <summary>Pastes the text, names the namespace (and its team, when new) and previews; the plan's counts are then on screen.</summary>
    public async Task PreviewImportAsync(string text, string @namespace)
    {
        var target = Page.GetByTestId("import-namespace");
        await target.FillAsync(@namespace);
        await target.PressAsync("Tab");
        await Page.GetByTestId("import-text").FillAsync(text);
        // The button is enabled in the same render that shows the team field for a new namespace: looking for the field
        // before then can miss it (the namespace's blur is still on its way) and preview a plan refused for want of a team.
        await Expect(Page.GetByTestId("import-preview")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        // A new namespace needs its owning team; with several teams in the portal an Admin picks one.
        var team = Page.GetByTestId("import-team");
        if (await team.CountAsync() > 0 && await team.IsVisibleAsync() && (await team.InnerTextAsync()).Contains(E2eTeam) is false)
        {
            await team.ClickAsync();
            // The open list's option: the rules page's own team filter (a native select) has an option of that name too.
            await Page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = E2eTeam, Exact = true }).ClickAsync();
        }

        await Page.GetByTestId("import-preview").ClickAsync();
        var refusal = Page.GetByTestId("import-refused").Or(Page.GetByTestId("import-error"));
        await Expect(Page.GetByTestId("import-counts").Or(refusal)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.True(await refusal.CountAsync() == 0, $"The preview was refused: {(await refusal.CountAsync() > 0 ? await refusal.First.InnerTextAsync() : "")}");
        await Expect(Page.GetByTestId("import-counts")).ToBeVisibleAsync();
    }

    public ILocator ImportCount(string action) => Page.GetByTestId($"import-count-{action}");

    public async Task ConfirmImportAsync()
    {
        await Page.GetByTestId("import-confirm").ClickAsync();
        await Expect(Page.GetByTestId("import-text")).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    /// <summary>Imports through the dialog and waits for the list to show the namespace.</summary>
    public async Task ImportAsync(string text, string @namespace)
    {
        await OpenListAsync();
        await OpenImportDialogAsync();
        await PreviewImportAsync(text, @namespace);
        await ConfirmImportAsync();
        await Expect(Page.GetByTestId("rules-grid")).ToBeVisibleAsync();
    }

    public async Task OpenEditorAsync(string @namespace, string rule)
    {
        await OpenListAsync($"?ns={Uri.EscapeDataString(@namespace)}&q={Uri.EscapeDataString(rule)}");
        await RuleLink(rule).First.ClickAsync();
        await Expect(Portal.Heading).ToHaveTextAsync(rule);
        await Expect(Yaml).ToContainTextAsync("alert: " + rule);
    }

    public ILocator Yaml => Page.GetByTestId("editor-yaml");

    public ILocator ThresholdField => Page.GetByTestId("editor-threshold-value");

    public async Task SetThresholdAsync(string value)
    {
        await ThresholdField.FillAsync(value);
        await ThresholdField.PressAsync("Tab");
        await Expect(Yaml).ToContainTextAsync(value);
    }

    public async Task SaveAsync(string? reason = null)
    {
        if (reason is not null)
        {
            await Page.GetByTestId("editor-reason").FillAsync(reason);
        }

        await Page.GetByTestId("editor-save").ClickAsync();
    }

    public async Task OpenHistoryAsync()
    {
        await Page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await Expect(Page.GetByTestId("history-version").First).ToBeVisibleAsync();
    }

    public ILocator HistoryVersions => Page.GetByTestId("history-version");

    public ILocator HistoryDiff => Page.GetByTestId("history-diff");

    public ILocator ConflictDialog => Page.GetByTestId("conflict-theirs").Locator("xpath=ancestor::div[contains(@class,'mud-dialog')][1]");
}
