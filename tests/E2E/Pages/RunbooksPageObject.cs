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
}
