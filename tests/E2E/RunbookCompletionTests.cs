using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// PromQL completion in the runbook editor's body box: inside a ```promql fence it offers the metrics of the test
/// stack's real Prometheus (through the portal's metadata proxy, as the rule editor does), works from the keyboard and
/// the mouse, and stays out of prose. axe-core is added to the page (so the Content-Security-Policy is bypassed) to check
/// the open list. The box stays a plain textarea, so the draft and the preview still follow it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RunbookCompletionTests(BrowserFixture browser)
{
    private const string Metric = "node_memory_MemAvailable_bytes";

    private const string Body = """
        # Memory pressure

        Watch 

        ```promql

        ```

        ```promql

        ```
        """;

    [Fact]
    public async Task PromqlFence_OffersMetrics_FromTheKeyboardAndTheMouse_ButProseDoesNot()
    {
        // The admin writes runbooks as a member of a team; without one the editor is read-only.
        await People.EnsureTeamAsync(RulesPageObject.E2eTeam);
        await PortalPage.VisitAsync(browser.Browser, "/runbooks/new", async portal =>
        {
            var runbooks = new RunbooksPageObject(portal);
            var page = portal.Page;
            var list = page.GetByTestId("runbook-completion");
            await runbooks.BodyReadyAsync();
            await runbooks.PasteBodyAsync(Body);

            // In prose the word is just a word: the completion run finishes without a list.
            await CaretAtAsync(runbooks, Body.IndexOf("Watch ", StringComparison.Ordinal) + "Watch ".Length);
            await TypeAsync(runbooks, "node_mem");
            await Expect(list).ToBeHiddenAsync();
            await Expect(runbooks.Body).Not.ToHaveAttributeAsync("aria-controls", new System.Text.RegularExpressions.Regex(".+"));

            // Inside the first fence the same word lists the stack's node_exporter metrics, with their types.
            var body = await runbooks.Body.InputValueAsync();
            var firstFence = body.IndexOf("```promql\n", StringComparison.Ordinal) + "```promql\n".Length;
            await CaretAtAsync(runbooks, firstFence);
            await TypeAsync(runbooks, "node_mem");
            // The metric names load on the first completion in a fence; when they arrive after the last key the list
            // can stay shut (seen once in a full run), and Ctrl+Space asks again, as a person would.
            if (!await list.IsVisibleAsync())
            {
                await runbooks.Body.PressAsync("Control+Space");
                await Expect(runbooks.Body).ToHaveAttributeAsync("data-completion", "idle", new() { Timeout = 15_000 });
            }

            await Expect(list).ToBeVisibleAsync();
            await Expect(list.GetByRole(AriaRole.Option, new() { Name = Metric })).ToHaveCountAsync(1);
            await Expect(runbooks.Body).ToHaveAttributeAsync("aria-controls", (await list.GetAttributeAsync("id"))!);
            await Expect(runbooks.Body).ToHaveAttributeAsync("aria-autocomplete", "list");
            await portal.ScreenshotAsync("runbook-completion");
            await Expect(list).ToBeVisibleAsync();
            // The open list and the box pointing at it pass axe as the closed page does (AccessibilityTests).
            var violations = await AccessibilityTests.AxeAsync(page, ".runbook-editor__body, [data-testid=runbook-completion]");
            Assert.True(violations.Count == 0, "axe found with the list open:\n" + AccessibilityTests.Describe(violations));

            // Escape closes the list and leaves the text alone.
            await runbooks.Body.PressAsync("Escape");
            await Expect(list).ToBeHiddenAsync();
            await Expect(runbooks.Body).Not.ToHaveAttributeAsync("aria-activedescendant", new System.Text.RegularExpressions.Regex(".+"));
            Assert.Contains("```promql\nnode_mem\n```", await runbooks.Body.InputValueAsync(), StringComparison.Ordinal);

            // Typing on narrows the list; the arrows move the choice and Enter takes it.
            await TypeAsync(runbooks, "ory_Mem");
            await Expect(list).ToBeVisibleAsync();
            await Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(3);
            var selected = list.Locator("[role=option][aria-selected=true]");
            await Expect(selected).ToContainTextAsync(Metric);
            await runbooks.Body.PressAsync("ArrowDown");
            await Expect(selected).ToContainTextAsync("node_memory_MemFree_bytes");
            await Expect(runbooks.Body).ToHaveAttributeAsync("aria-activedescendant", (await selected.GetAttributeAsync("id"))!);
            await runbooks.Body.PressAsync("ArrowUp");
            await Expect(selected).ToContainTextAsync(Metric);
            await runbooks.Body.PressAsync("Enter");
            await Expect(list).ToBeHiddenAsync();
            Assert.Contains($"```promql\n{Metric}\n```", await runbooks.Body.InputValueAsync(), StringComparison.Ordinal);

            // The insertion went through the box's input event: the preview's live block runs the completed query.
            await Expect(runbooks.Preview.GetByTestId("live-promql-query").First).ToHaveTextAsync(Metric, new() { Timeout = 15_000 });

            // Ctrl+Space asks without typing; a click takes an option.
            body = await runbooks.Body.InputValueAsync();
            var secondFence = body.LastIndexOf("```promql\n", StringComparison.Ordinal) + "```promql\n".Length;
            await CaretAtAsync(runbooks, secondFence);
            await runbooks.Body.PressSequentiallyAsync("node_memory_MemT");
            await runbooks.Body.PressAsync("Escape");
            await Expect(list).ToBeHiddenAsync();
            await runbooks.Body.PressAsync("Control+Space");
            var total = list.GetByRole(AriaRole.Option, new() { Name = "node_memory_MemTotal_bytes" });
            await Expect(total).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await total.ClickAsync();
            await Expect(list).ToBeHiddenAsync();
            await Expect(runbooks.Body).ToBeFocusedAsync();
            Assert.EndsWith("```promql\nnode_memory_MemTotal_bytes\n```", await runbooks.Body.InputValueAsync(), StringComparison.Ordinal);
            Assert.Empty(portal.BrowserErrors);
        }, bypassCsp: true);
    }

    private static Task CaretAtAsync(RunbooksPageObject runbooks, int at) =>
        runbooks.Body.EvaluateAsync("(box, at) => { box.focus(); box.setSelectionRange(at, at); }", at);

    /// <summary>
    /// Types <paramref name="text"/> key by key and waits until the completion the last key asked for has finished
    /// (the box says so in data-completion), so what the list shows is its answer and no earlier one.
    /// </summary>
    private static async Task TypeAsync(RunbooksPageObject runbooks, string text)
    {
        await runbooks.Body.PressSequentiallyAsync(text);
        await Expect(runbooks.Body).ToHaveAttributeAsync("data-completion", "idle", new() { Timeout = 15_000 });
    }
}
