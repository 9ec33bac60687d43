using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Integration;

/// <summary>The real portal, in process, pointed at whichever servers a test chooses.</summary>
public sealed class PortalFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Development")
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // A portal on a fresh database creates its own first admin: its password must not overwrite the
        // test stack's (which the E2E suite and SignedInClientAsync sign in with).
        builder.UseSetting("Portal:Admin:PasswordFile", Path.Combine(Path.GetTempPath(), $"portal-test-admin-{Guid.NewGuid():N}"));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// A client signed in as the first admin through the sign-in form (antiforgery token and all), as a
    /// browser would; the password is the one ./portal wrote for the test stack.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var http = CreateClient();
        var file = Environment.GetEnvironmentVariable("Portal__Admin__PasswordFile") ?? throw new InvalidOperationException("Portal__Admin__PasswordFile is not set: source .stack/test/env.");
        var form = await http.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, @"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""").Groups[1].Value;
        using var signIn = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "admin",
            ["Input.Password"] = (await File.ReadAllTextAsync(file)).Trim(),
        }));
        if (signIn.RequestMessage?.RequestUri?.AbsolutePath == "/account/login")
        {
            throw new InvalidOperationException("Signing in as admin failed: " + await signIn.Content.ReadAsStringAsync());
        }

        return http;
    }

    public static PortalFactory For(string? redis = null, Uri? prometheus = null, string? database = null, string environment = "Development") => new(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database ?? TestStack.PostgresConnection,
            ["Redis:Configuration"] = redis ?? TestStack.RedisConfiguration,
            ["Prometheus:Url"] = (prometheus ?? TestStack.PrometheusUrl).ToString(),
        },
        environment);
}
