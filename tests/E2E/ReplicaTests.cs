using System.Diagnostics;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// A browser behind nginx loses its replica: the replica is killed (no goodbye, as a crash or an OOM kill would),
/// the circuit's reconnect reaches the other replica, which does not know the circuit, so the page reloads there,
/// still signed in. The killed replica is started again exactly as it ran, for the tests after this one.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReplicaTests(BrowserFixture browser)
{
    [ReplicaFact]
    public async Task KillingTheBrowsersReplica_ItsPageReloadsOnTheOtherReplica_SignedIn_AndWorks()
    {
        var portal = await PortalPage.OpenAsync(browser.Browser, "/status");
        StackReplica? killed = null;
        try
        {
            var self = portal.Page.GetByTestId("this-replica");
            await Expect(portal.Page.GetByTestId("replica-row")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            var before = (await self.TextContentAsync())!.Trim();
            await Expect(portal.Page.Locator($"[data-testid=replica-row][data-replica='{before}'] [data-testid=replica-self]")).ToHaveCountAsync(1);
            await portal.ScreenshotAsync("replicas-before-kill");

            killed = StackReplica.Find(before);
            killed.Kill();

            // The reconnect is refused by the other replica (an unknown circuit) and the page reloads there.
            await Expect(self).Not.ToHaveTextAsync(before, new() { Timeout = 60_000 });
            await portal.Page.Locator("[data-interactive='True']").WaitForAsync(new() { Timeout = 30_000 });
            var after = (await self.TextContentAsync())!.Trim();
            Assert.Equal("/status", new Uri(portal.Page.Url).AbsolutePath);
            await Expect(portal.Page.GetByTestId("overall-status")).ToBeVisibleAsync();

            // The new circuit answers: a check runs and its time changes.
            var checkedAt = await portal.Page.GetByTestId("checked-at").TextContentAsync();
            await portal.Page.WaitForTimeoutAsync(1100);
            await portal.Page.GetByRole(AriaRole.Button, new() { Name = "Check now" }).ClickAsync();
            await Expect(portal.Page.GetByTestId("checked-at")).Not.ToHaveTextAsync(checkedAt!);
            await Expect(portal.Page.GetByTestId("status-error")).ToHaveCountAsync(0);
            await portal.ScreenshotAsync("replicas-after-kill");
            Assert.NotEqual(before, after);
        }
        finally
        {
            await portal.CloseAsync();
            if (killed is not null)
            {
                await killed.StartAgainAsync();
            }
        }
    }

    [ReplicaFact]
    public async Task KillingTheReplicaUnderAnEditedRule_TheEditorOnTheOtherReplicaOffersTheUnsavedChangesBack()
    {
        var portal = await PortalPage.OpenAsync(browser.Browser, "/rules");
        // The page reloads when its replica is gone; the editor's "leave with unsaved changes?" is answered as a person would.
        portal.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        StackReplica? killed = null;
        try
        {
            var ns = RulesPageObject.UniqueNamespace("e2e-draft");
            var rules = new RulesPageObject(portal);
            await rules.ImportAsync(RulesPageObject.FixtureDocument(), ns);
            await rules.OpenEditorAsync(ns, "CacheMemoryHigh");
            var ruleId = new Uri(portal.Page.Url).Segments[^1];
            await portal.Page.GetByTestId("editor-name").FillAsync("CacheMemoryHighTyped");
            await portal.Page.GetByTestId("editor-name").PressAsync("Tab");
            await Expect(portal.Page.GetByTestId("editor-unsaved")).ToBeVisibleAsync();
            // The draft is in the browser before the replica goes.
            await portal.Page.WaitForFunctionAsync($"() => (localStorage.getItem('portal.runbook-draft.rule-{ruleId}') || '').includes('CacheMemoryHighTyped')");

            // The browser's replica, as the same browser (same affinity cookie) sees it.
            var status = await portal.Page.Context.NewPageAsync();
            await status.GotoAsync(new Uri(BrowserFixture.PortalUrl, "/status").ToString());
            var replica = (await status.GetByTestId("this-replica").TextContentAsync())!.Trim();
            await status.CloseAsync();
            killed = StackReplica.Find(replica);
            killed.Kill();

            await Expect(portal.Page.GetByTestId("editor-draft")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await portal.ScreenshotAsync("editor-draft-after-kill");
            await portal.Page.GetByTestId("editor-draft-restore").ClickAsync();
            await Expect(portal.Page.GetByTestId("editor-name")).ToHaveValueAsync("CacheMemoryHighTyped");
            await Expect(portal.Page.GetByTestId("editor-unsaved")).ToBeVisibleAsync();
        }
        finally
        {
            await portal.CloseAsync();
            if (killed is not null)
            {
                await killed.StartAgainAsync();
            }
        }
    }

    /// <summary>
    /// A replica that ./portal started, found by its pid file. Its command line, environment and directory are read
    /// before it is killed, so it can be started again as it was, with the new pid written back for ./portal stack stop.
    /// </summary>
    private sealed class StackReplica
    {
        private readonly string _pidFile;
        private readonly string _log;
        private readonly int _pid;
        private readonly string[] _commandLine;
        private readonly Dictionary<string, string> _environment;
        private readonly string _directory;

        private StackReplica(string name, string stack)
        {
            _pidFile = Path.Combine(stack, "run", name + ".pid");
            _log = Path.Combine(stack, "logs", name + ".log");
            _pid = int.Parse(File.ReadAllText(_pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            _commandLine = File.ReadAllText($"/proc/{_pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            if (!_commandLine.Any(a => a.EndsWith("Portal.dll", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{_pidFile} names pid {_pid}, which is not a portal: {string.Join(' ', _commandLine)}");
            }

            _environment = File.ReadAllText($"/proc/{_pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            _directory = new DirectoryInfo($"/proc/{_pid}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName
                ?? throw new InvalidOperationException($"the working directory of pid {_pid} is unknown");
        }

        private Uri Url => new(_environment.TryGetValue("Cluster__ReplicaUrl", out var url) ? url : throw new InvalidOperationException("the replica has no Cluster__ReplicaUrl"));

        public static StackReplica Find(string name)
        {
            var stack = Environment.GetEnvironmentVariable("PORTAL_STACK_DIR") is { Length: > 0 } dir ? dir
                : Path.Combine(BrowserFixture.RepositoryRoot(), ".stack", "test");
            return new StackReplica(name, stack);
        }

        public void Kill()
        {
            using var process = Process.GetProcessById(_pid);
            process.Kill();
            process.WaitForExit(10_000);
        }

        public async Task StartAgainAsync()
        {
            // setsid and sh exec in place, so the pid is the portal's, detached from the test host as ./portal's spawn does.
            var start = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = _directory };
            foreach (var argument in new[] { "/bin/sh", "-c", "exec \"$@\" >>\"$REPLICA_LOG\" 2>&1 </dev/null", "sh" }.Concat(_commandLine))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Clear();
            foreach (var (key, value) in _environment)
            {
                start.Environment[key] = value;
            }

            start.Environment["REPLICA_LOG"] = _log;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("the replica did not start");
            await File.WriteAllTextAsync(_pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");

            using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                try
                {
                    using var health = await http.GetAsync("/health/db");
                    // nginx marked the replica failed for fail_timeout (10 s): until that passes, a browser's negotiate and
                    // its WebSocket can reach different replicas. The next test starts on a balancer that has both again.
                    await Task.Delay(TimeSpan.FromSeconds(11));
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (DateTime.UtcNow > deadline || process.HasExited)
                    {
                        throw new TimeoutException($"the replica restarted at {Url} did not answer within 90 s (exited: {process.HasExited}); see {_log}", e);
                    }

                    await Task.Delay(250);
                }
            }
        }
    }
}

/// <summary>A fact that needs the replicas of `./portal test`; skipped, with the reason, where there are none.</summary>
public sealed class ReplicaFactAttribute : FactAttribute
{
    public ReplicaFactAttribute()
    {
        if ((Environment.GetEnvironmentVariable("PORTAL_REPLICA_URLS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2)
        {
            Skip = "PORTAL_REPLICA_URLS does not name two replicas: this test needs `./portal test`, which runs two behind nginx.";
        }
    }
}
