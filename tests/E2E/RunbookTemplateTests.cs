using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>An Admin adds a runbook template on the Admin page; a bad name is said at its field.</summary>
[Collection(BrowserCollection.Name)]
public class RunbookTemplateTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminAddsATemplate_ABadNameIsSaidAtTheField_ThenItIsListed()
    {
        var name = RunbooksPageObject.UniqueSlug("e2e-template");
        var marker = "Call the " + name + " owner";
        await PortalPage.VisitAsync(browser.Browser, "/admin", async admin =>
        {
            var page = admin.Page;
            var panel = page.GetByTestId("runbook-templates-panel");
            await Expect(panel.GetByTestId("runbook-template-row").First).ToBeVisibleAsync();

            await panel.GetByTestId("runbook-template-new").ClickAsync();
            // A name that is not a slug is refused by the store and said at the field; the typed text stays.
            await People.Field(page, "runbook-template-name").FillAsync("Not A Slug");
            await People.Field(page, "runbook-template-description").FillAsync("For the e2e service");
            await page.GetByTestId("runbook-template-body").FillAsync($"## Summary\n\n## Escalation\n\n{marker}\n");
            await panel.GetByTestId("runbook-template-save").ClickAsync();
            await Expect(panel.Locator(".mud-input-error").First).ToBeVisibleAsync();
            await Expect(People.Field(page, "runbook-template-description")).ToHaveValueAsync("For the e2e service");

            await People.Field(page, "runbook-template-name").FillAsync(name);
            await panel.GetByTestId("runbook-template-save").ClickAsync();
            await Expect(panel.Locator($"[data-template={name}]")).ToContainTextAsync("For the e2e service");
            await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "admin-runbook-templates-panel.png") });
        });
    }
}
