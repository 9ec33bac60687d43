using Microsoft.Playwright;

namespace Portal.Tests.E2E;

/// <summary>
/// One Chromium for the whole run. Debian's build is used because Playwright cannot download its
/// own here; the flags stop Chromium from reaching for Google's services on a closed network.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static Uri PortalUrl { get; } = new(Environment.GetEnvironmentVariable("PORTAL_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:5180");

    /// <summary>
    /// Each portal process behind the balancer (PORTAL_REPLICA_URLS), or the one portal: what a test that reads a
    /// process's own counters (its /metrics) must add up, since the balancer may answer from any of them.
    /// </summary>
    public static IReadOnlyList<Uri> ProcessUrls { get; } =
        (Environment.GetEnvironmentVariable("PORTAL_REPLICA_URLS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } urls
            ? [.. urls.Select(u => new Uri(u))]
            : [PortalUrl];

    public static string ArtifactsDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "E2E", "artifacts");

    /// <summary>The cookies of the admin's session, signed in once through the sign-in page; every test's context starts with them.</summary>
    public static string? SignedInState { get; private set; }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // Two cores run the stack, the portal and Chromium together: give assertions room, not retries.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        Directory.CreateDirectory(ArtifactsDirectory);
        SignedInState = await SignInAsync();
    }

    /// <summary>Signs in as the first admin, whose password ./portal wrote next to the stack.</summary>
    private async Task<string> SignInAsync()
    {
        var file = Environment.GetEnvironmentVariable("Portal__Admin__PasswordFile") is { Length: > 0 } path ? path
            : Path.Combine(RepositoryRoot(), ".stack", "test", "admin-password");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"No admin password at {file}: start the portal through ./portal test (it creates the first admin).");
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = PortalUrl.ToString() });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByTestId("login-user").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync((await File.ReadAllTextAsync(file)).Trim());
            await page.GetByTestId("login-submit").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 30_000 });
            var state = Path.Combine(Path.GetTempPath(), $"portal-e2e-session-{Environment.ProcessId}.json");
            await context.StorageStateAsync(new BrowserContextStorageStateOptions { Path = state });
            return state;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
