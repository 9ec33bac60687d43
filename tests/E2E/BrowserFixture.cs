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

    public static string ArtifactsDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "E2E", "artifacts");

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
