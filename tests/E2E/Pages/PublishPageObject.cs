using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>
/// The Publish area as a user drives it: the plan, the note and the publish button, the drift panel, the
/// releases list and one release with its compare field and rollback dialog. Locators are test ids.
/// </summary>
public sealed class PublishPageObject(PortalPage portal)
{
    public PortalPage Portal { get; } = portal;

    private IPage Page => Portal.Page;

    /// <summary>Opens /publish and waits until promtool has answered: the publish form is on screen (or the plan failed).</summary>
    public async Task OpenAsync()
    {
        await Portal.GoToAsync("/publish");
        await Expect(Portal.Heading).ToHaveTextAsync("Publish");
        await Expect(Page.GetByTestId("publish-form").Or(Page.GetByTestId("publish-error")).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public ILocator Error => Page.GetByTestId("publish-error");

    public ILocator CurrentRelease => Page.GetByTestId("summary-current-release");

    public ILocator HeldBackAlert => Page.GetByTestId("heldback-alert");

    /// <summary>The row of <paramref name="namespace"/>; its <c>data-status</c> is unchanged, changed, added, removed or "held back".</summary>
    public ILocator NamespaceRow(string @namespace) => Page.Locator($"[data-testid=namespace-row][data-namespace='{@namespace}']");

    public ILocator ChangeRows => Page.GetByTestId("plan-changes").GetByTestId("change-row");

    public ILocator Note => Page.GetByTestId("publish-note");

    public ILocator PublishButton => Page.GetByTestId("publish-button");

    public ILocator EmptyConfirmation => Page.GetByTestId("publish-empty-confirm");

    /// <summary>The outcome of the last publish; <c>data-status</c> is live, partial, pending or failed.</summary>
    public ILocator Result => Page.GetByTestId("publish-result");

    public ILocator Refusal => Page.GetByTestId("publish-refusal");

    /// <summary>One target's outcome inside the last result; <c>data-outcome</c> is live, "rolled back", "pending reload" or failed.</summary>
    public ILocator TargetResult(string target) => Result.Locator($"[data-testid=target-result][data-target='{target}']");

    /// <summary>Types the note and publishes; waits for the result or a refusal (verifying a reload takes a few seconds).</summary>
    public async Task PublishAsync(string note)
    {
        await Note.FillAsync(note);
        await PublishButton.ClickAsync();
        await Expect(Result.Or(Refusal).Or(Error).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>The number of the release the last publish made, read from its link.</summary>
    public async Task<long> PublishedReleaseAsync()
    {
        var href = await Page.GetByTestId("publish-release-link").GetAttributeAsync("href") ?? "";
        return long.Parse(href[(href.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public ILocator DriftPanel => Page.GetByTestId("drift-panel");

    public ILocator DriftTarget(string target) => Page.Locator($"[data-testid=drift-target][data-target='{target}']");

    /// <summary>Overwrites the hand edits on <paramref name="target"/> after confirming; waits for that target's outcome.</summary>
    public async Task OverwriteDriftAsync(string target)
    {
        await DriftTarget(target).GetByTestId("drift-overwrite").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Overwrite", Exact = true }).ClickAsync();
        await Expect(DriftTarget(target).GetByTestId("drift-result")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    public async Task OpenReleasesAsync()
    {
        await Portal.GoToAsync("/releases");
        await Expect(Portal.Heading).ToHaveTextAsync("Releases");
    }

    public ILocator ReleaseRows => Page.GetByTestId("release-row");

    public ILocator ReleaseRow(long number) => Page.Locator($"[data-testid=release-row][data-number='{number}']");

    public async Task OpenReleaseAsync(long number)
    {
        await Portal.GoToAsync($"/releases/{number}");
        await Expect(Portal.Heading).ToHaveTextAsync($"Release #{number}");
    }

    public ILocator Download => Page.GetByTestId("release-download");

    public ILocator ReleaseChanges => Page.GetByTestId("release-changes");

    /// <summary>Compares the open release with release <paramref name="other"/>; the diff table or "no such release" then shows.</summary>
    public async Task CompareWithAsync(long other)
    {
        var field = Page.GetByTestId("release-compare");
        await field.FillAsync(other.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
        await Expect(Page.GetByTestId("release-compare-changes").Or(Page.GetByTestId("release-compare-changes-none"))
            .Or(Page.GetByTestId("release-compare-error")).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    /// <summary>Rolls back to the open release with <paramref name="note"/>; waits for the new release's outcome or a refusal.</summary>
    public async Task RollbackAsync(string note)
    {
        await Page.GetByTestId("release-rollback").ClickAsync();
        await Page.GetByTestId("rollback-note").FillAsync(note);
        await Page.GetByTestId("rollback-confirm").ClickAsync();
        await Expect(Result.Or(Refusal).Or(Page.GetByTestId("release-error")).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }
}
