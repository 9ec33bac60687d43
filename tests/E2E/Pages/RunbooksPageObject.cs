using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The runbook pages: the list with its search, the runbook, its editor and its history.</summary>
public sealed class RunbooksPageObject(PortalPage portal)
{
    public IPage Page => portal.Page;

    /// <summary>A slug no earlier run used, so tests neither depend on their order nor on what other runs left behind.</summary>
    public static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public ILocator Field(string testId) => People.Field(Page, testId);

    public ILocator Body => Page.GetByTestId("runbook-editor-body");

    public ILocator Preview => Page.GetByTestId("runbook-preview");

    /// <summary>Waits until the editor's script listens to the body box: text typed before that would reach neither the draft nor the server.</summary>
    public Task BodyReadyAsync() => Expect(Body).ToHaveAttributeAsync("data-draft", "on");

    /// <summary>Fills the new-runbook form; the body goes in as one input, as a paste would.</summary>
    public async Task FillNewAsync(string title, string slug, string team, string body, string reason)
    {
        await BodyReadyAsync();
        await Field("runbook-title").FillAsync(title);
        // The slug follows the title after a pause: let that suggestion arrive before typing over it.
        await Expect(Field("runbook-slug")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(".+"));
        await Field("runbook-slug").FillAsync(slug);
        await Expect(Field("runbook-slug")).ToHaveValueAsync(slug);
        var teams = Page.GetByTestId("runbook-team-select");
        if (!(await teams.InnerTextAsync()).Contains(team, StringComparison.Ordinal))
        {
            await teams.ClickAsync();
            await Page.GetByRole(AriaRole.Option, new() { Name = team, Exact = true }).ClickAsync();
        }

        await Body.FillAsync(body);
        await Field("runbook-reason").FillAsync(reason);
    }

    /// <summary>Puts <paramref name="text"/> into the body box as a paste does: the whole value at once, one input event.</summary>
    public Task PasteBodyAsync(string text) =>
        Body.EvaluateAsync("(box, text) => { box.value = text; box.dispatchEvent(new Event('input', { bubbles: true })); }", text);

    /// <summary>Saves and waits for the runbook's own page, which every successful save opens.</summary>
    public async Task SaveAsync(string slug)
    {
        await Page.GetByTestId("runbook-save").ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith("/runbooks/" + slug, StringComparison.Ordinal), new() { Timeout = 15_000 });
        await Expect(Page.GetByTestId("runbook-body")).ToBeVisibleAsync();
    }

    public ILocator ImportRows => Page.GetByTestId("runbook-import-row");

    public ILocator ImportSlugs => Page.Locator("input[data-testid=runbook-import-slug]");

    /// <summary>Opens the import dialog from the list's header and gives the runbooks to <paramref name="team"/>.</summary>
    public async Task OpenImportAsync(string team)
    {
        await Page.GetByTestId("runbooks-import").ClickAsync();
        await Expect(Page.GetByTestId("runbook-import-dialog")).ToBeVisibleAsync();
        await ChooseAsync("Team that owns them", team);
    }

    /// <summary>Pastes Markdown, keeps the split at ## headings (the dialog's default) and waits for the preview.</summary>
    public async Task PasteAndPreviewAsync(string markdown)
    {
        await Page.GetByTestId("runbook-import-text").FillAsync(markdown);
        var preview = Page.GetByTestId("runbook-import-preview-button");
        await Expect(preview).ToBeEnabledAsync();
        await preview.ClickAsync();
        await Expect(Page.GetByTestId("runbook-import-preview")).ToBeVisibleAsync();
    }

    /// <summary>Imports and waits for the dialog to close.</summary>
    public async Task ImportAsync()
    {
        await Page.GetByTestId("runbook-import-confirm").ClickAsync();
        await Expect(Page.GetByTestId("runbook-import-dialog")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }

    /// <summary>
    /// Picks <paramref name="option"/> in the select labelled <paramref name="label"/>: by the select's box, which a
    /// person clicks and which shows the choice as text, whichever inner element MudBlazor puts a test id on.
    /// </summary>
    public async Task ChooseAsync(string label, string option)
    {
        var select = Page.Locator(".mud-input-control.mud-select").Filter(new() { HasText = label });
        if (!(await select.InnerTextAsync()).Contains(option, StringComparison.Ordinal))
        {
            await select.ClickAsync();
            await Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        }

        await Expect(select).ToContainTextAsync(option);
    }
}
