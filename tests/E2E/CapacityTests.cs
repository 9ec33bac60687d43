using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// The Capacity page against the real store and the test stack's Prometheus: the starter set created through its
/// preview for a team of this run's own (the database is shared, so the page may not be empty and other teams' models
/// may be there), then its cards measured with real values and a forecast.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CapacityTests(BrowserFixture browser)
{
    [Fact]
    public async Task StarterSet_CreatedThroughThePreview_ShowsCardsWithRealValuesAndAForecast()
    {
        var team = "cap" + Guid.NewGuid().ToString("N")[..8];
        await People.EnsureTeamAsync(team);
        await PortalPage.VisitAsync(browser.Browser, "/capacity", async portal =>
        {
            var page = portal.Page;
            // The empty page offers the set; once any team has models, the header does.
            await page.GetByTestId("capacity-starter").Or(page.GetByTestId("capacity-starter-again")).First.ClickAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("capacity-starter-preview")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var rows = page.GetByTestId("capacity-starter-row");
            Assert.True(await rows.CountAsync() > 0, "the starter preview lists what it would create");

            await new RunbooksPageObject(portal).ChooseAsync("Team that owns them", team);
            await portal.ScreenshotAsync("capacity-starter-preview");
            await page.GetByTestId("capacity-starter-create").ClickAsync();
            await Expect(page.GetByTestId("capacity-starter-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

            var ours = page.Locator($"[data-testid=capacity-team][data-team='{team}']");
            await Expect(ours).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var cards = ours.GetByTestId("capacity-card");
            Assert.True(await cards.CountAsync() > 0, "the starter models are shown as cards of the team");

            // At least one model of the stack's own services answers with a number and a forecast line.
            var measured = cards.Filter(new() { Has = page.Locator("[data-testid=capacity-card-current]", new() { HasTextRegex = new Regex(@"\d") }) });
            await Expect(measured.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var card = measured.First;
            await Expect(card.GetByTestId("capacity-card-band")).ToHaveTextAsync(new Regex("^(ok|warning|critical)$"));
            await Expect(card.GetByTestId("capacity-card-forecast")).ToHaveTextAsync(
                new Regex(@"Not growing|warning (in|already)"), new() { Timeout = 90_000 });
            var gauge = card.GetByRole(AriaRole.Meter);
            await Expect(gauge).ToHaveAttributeAsync("aria-valuenow", new Regex(@"^\d+$"));
            await Expect(page.GetByTestId("capacity-summary")).ToBeVisibleAsync();
            Assert.Empty(portal.BrowserErrors);
            await card.ScrollIntoViewIfNeededAsync();
            await portal.ScreenshotAsync("capacity-cards");
        });
    }
}
