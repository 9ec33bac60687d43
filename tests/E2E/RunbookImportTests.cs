using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Runbooks imported through the dialog against the real store: a pasted document split into runbooks, and the starter
/// set. The database is shared with other tests, so every slug is made unique and nothing assumes an empty list.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RunbookImportTests(BrowserFixture browser)
{
    [Fact]
    public async Task PastedDocument_SplitAtLevelTwo_IsPreviewed_ThenBecomesTwoRunbooks()
    {
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var document = $$"""
            # Our database runbooks

            ## Disk full {{word}}

            1. Free space in /var/log.

            ```promql
            node_filesystem_avail_bytes{mountpoint="/"}
            ```

            ## Replication lag {{word}}

            1. Look at the replica's WAL receiver.

            ### Why it lags

            Long transactions on the primary.
            """;
        await PortalPage.VisitAsync(browser.Browser, "/runbooks", async portal =>
        {
            var runbooks = new RunbooksPageObject(portal);
            await runbooks.OpenImportAsync(RulesPageObject.E2eTeam);
            await runbooks.PasteAndPreviewAsync(document);

            await Expect(runbooks.ImportRows).ToHaveCountAsync(2);
            await Expect(runbooks.ImportSlugs.Nth(0)).ToHaveValueAsync($"disk-full-{word}");
            await Expect(runbooks.ImportSlugs.Nth(1)).ToHaveValueAsync($"replication-lag-{word}");
            await Expect(runbooks.ImportRows.Nth(1)).ToContainTextAsync("Replication lag");
            await Expect(portal.Page.GetByTestId("runbook-import-exists")).ToHaveCountAsync(0);
            await Expect(portal.Page.GetByTestId("runbook-import-confirm")).ToHaveTextAsync("Import 2 runbooks");
            await portal.ScreenshotAsync("runbook-import-preview");

            await runbooks.ImportAsync();

            // Several runbooks: the list shows them.
            await Expect(portal.Page.GetByTestId("runbook-link").Filter(new() { HasText = $"Disk full {word}" })).ToBeVisibleAsync();
            await Expect(portal.Page.GetByTestId("runbook-link").Filter(new() { HasText = $"Replication lag {word}" })).ToBeVisibleAsync();
            await portal.ScreenshotAsync("runbook-import-result");

            await portal.Page.GotoAsync($"/runbooks/replication-lag-{word}");
            await Expect(portal.Page.GetByTestId("runbook-body")).ToContainTextAsync("Long transactions on the primary");
            await Expect(portal.Page.GetByTestId("runbook-body")).Not.ToContainTextAsync("Free space in /var/log");
            await Expect(portal.Page.GetByTestId("runbook-team")).ToContainTextAsync(RulesPageObject.E2eTeam);
        });
    }

    [Fact]
    public async Task StarterRunbooks_FromTheImportDialog_MarkTakenSlugs_AndImportUnderNewOnes()
    {
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        await PortalPage.VisitAsync(browser.Browser, "/runbooks", async portal =>
        {
            var runbooks = new RunbooksPageObject(portal);
            // The list may already hold runbooks of other tests, so the empty page's offer may not show: the dialog has the same one.
            await runbooks.OpenImportAsync(RulesPageObject.E2eTeam);
            await portal.Page.GetByTestId("runbook-import-use-starter").ClickAsync();
            await Expect(runbooks.ImportRows).ToHaveCountAsync(4);
            await Expect(runbooks.ImportSlugs.Nth(0)).ToHaveValueAsync("postgresql");
            await portal.ScreenshotAsync("runbook-import-starter-preview");

            var slugs = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                var slug = RunbooksPageObject.UniqueSlug("e2e-starter");
                slugs.Add(slug);
                await runbooks.ImportSlugs.Nth(i).FillAsync(slug);
            }

            await Expect(portal.Page.GetByTestId("runbook-import-exists")).ToHaveCountAsync(0);
            await runbooks.ImportAsync();

            await portal.Page.GotoAsync("/runbooks/" + slugs[0]);
            await Expect(portal.Heading).ToContainTextAsync("PostgreSQL");
            await Expect(portal.Page.GetByTestId("runbook-body")).ToContainTextAsync("Immediate actions");
            await portal.ScreenshotAsync("runbook-import-starter-result");
        });
    }
}
