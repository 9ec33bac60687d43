using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// What one Viewer's paste once did to everyone: a 12,000-term expression in a PromQL box overflowed the
/// server's stack and ended the process with every open circuit. Now the box (here the rule editor's) says
/// the expression is too large, and the same circuit goes on answering.
/// </summary>
[Collection(BrowserCollection.Name)]
public class HostileInputTests(BrowserFixture browser)
{
    [Fact]
    public async Task PromQlBox_PasteOf12000Terms_ShowsTheLimit_AndTheCircuitKeepsWorking()
    {
        await PortalPage.VisitAsync(browser.Browser, "/rules/new", async portal =>
        {
            var editor = portal.Page.GetByTestId("promql-editor").Locator(".cm-content");
            async Task ReplaceAsync(string text)
            {
                await editor.ClickAsync();
                await portal.Page.Keyboard.PressAsync("Control+A");
                await portal.Page.Keyboard.PressAsync("Delete");
                await portal.Page.Keyboard.InsertTextAsync(text);
            }

            await ReplaceAsync(string.Join(" + ", Enumerable.Repeat("up", 12_000)));
            await Expect(portal.Page.GetByTestId("editor-expr-error")).ToContainTextAsync("limit", new() { Timeout = 30_000 });
            await portal.ScreenshotAsync("hostile-paste");

            // The same circuit still parses the next query.
            await ReplaceAsync("sum by (job) (up)");
            await Expect(portal.Page.GetByTestId("editor-expr-error")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            Assert.Empty(portal.BrowserErrors);
        });
    }
}
