using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>The Health page against the running test stack: its targets, and what it shows when the stack's Redis stops.</summary>
[Collection(BrowserCollection.Name)]
public class HealthTests(BrowserFixture browser)
{
    private static readonly string[] StackJobs = ["node", "postgres", "prometheus", "redis"];

    [Fact]
    public async Task Health_ListsTheStacksTargetsOfBothServers_AllUp()
    {
        await PortalPage.VisitAsync(browser.Browser, "/status", async portal =>
        {
            foreach (var server in new[] { "prometheus-a", "prometheus-b" })
            {
                await Expect(portal.Page.GetByTestId($"server-{server}").GetByTestId("server-reachable")).ToHaveTextAsync("reachable");
                await Expect(portal.Page.GetByTestId($"server-{server}").GetByTestId("server-reload")).ToHaveTextAsync("successful");
                foreach (var job in StackJobs)
                {
                    var listed = portal.Page.Locator($"[data-testid=target-job][data-server='{server}'][data-job='{job}']");
                    await Expect(listed.GetByTestId("target-job-summary")).ToHaveTextAsync("1/1 up");
                    await Expect(listed.Locator("[data-testid=target-row][data-health=up]")).ToHaveCountAsync(1);
                }
            }

            await Expect(portal.Page.GetByTestId("promtool-version")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d+"));
            await Expect(portal.Page.GetByTestId("prometheus-banner")).ToHaveCountAsync(0);
            await portal.ScreenshotAsync("health-targets");
            Assert.Empty(portal.BrowserErrors);
        });
    }

    [Fact]
    public async Task Health_WithTheStacksRedisStopped_DegradesWithinOneRefresh_AndRecovers()
    {
        var redis = StackRedis.Find();
        await PortalPage.VisitAsync(browser.Browser, "/status", async portal =>
        {
            await Expect(portal.Page.GetByTestId("health-cache")).ToContainTextAsync("healthy");
            await Expect(portal.Page.GetByTestId("overall-status")).ToHaveTextAsync("Portal healthy");
            try
            {
                redis.Stop();

                // The test portal refreshes every 5 s (./portal test sets Health__RefreshSeconds); the page is not reloaded.
                await Expect(portal.Page.GetByTestId("overall-status")).ToHaveTextAsync("Portal degraded");
                await Expect(portal.Page.GetByTestId("health-cache")).ToContainTextAsync("unhealthy");
                await portal.ScreenshotAsync("health-redis-stopped");
            }
            finally
            {
                await redis.StartAsync();
            }

            await Expect(portal.Page.GetByTestId("overall-status")).ToHaveTextAsync("Portal healthy", new() { Timeout = 30_000 });
            Assert.Empty(portal.BrowserErrors);
        });
    }

    /// <summary>
    /// The Redis that ./portal started for the test stack: found by its pid file, stopped, and started again the way
    /// ./portal starts it, with the new pid written back so `./portal stack stop` still stops it.
    /// </summary>
    private sealed class StackRedis(string stackDirectory, int port)
    {
        private string PidFile => Path.Combine(stackDirectory, "run", "redis.pid");

        public static StackRedis Find()
        {
            var stack = Environment.GetEnvironmentVariable("PORTAL_STACK_DIR") is { Length: > 0 } dir ? dir
                : Path.Combine(BrowserFixture.RepositoryRoot(), ".stack", "test");
            var configuration = Environment.GetEnvironmentVariable("Redis__Configuration") ?? "127.0.0.1:56479";
            return new StackRedis(stack, int.Parse(configuration.Split(',')[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        public void Stop()
        {
            var pid = int.Parse(File.ReadAllText(PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            using var process = Process.GetProcessById(pid);
            if (!File.ReadAllText($"/proc/{pid}/cmdline").Contains("redis-server", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{PidFile} names pid {pid}, which is not redis-server");
            }

            process.Kill();
            process.WaitForExit(10_000);
        }

        public async Task StartAsync()
        {
            if (Answers())
            {
                return;
            }

            var log = Path.Combine(stackDirectory, "logs", "redis.log");
            var data = Path.Combine(stackDirectory, "redis");
            // exec keeps the pid; setsid detaches Redis from the test host as ./portal's spawn does.
            using var shell = Process.Start(new ProcessStartInfo("/bin/sh",
            [
                "-c",
                $"exec setsid redis-server --bind 127.0.0.1 --port {port} --maxmemory 256mb --maxmemory-policy allkeys-lru " +
                $"--save '' --appendonly no --dir '{data}' --daemonize no >>'{log}' 2>&1 </dev/null",
            ])) ?? throw new InvalidOperationException("redis-server did not start");
            await File.WriteAllTextAsync(PidFile, shell.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!Answers())
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"redis-server did not listen on {port} within 15 s");
                }

                await Task.Delay(100);
            }
        }

        private bool Answers()
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
