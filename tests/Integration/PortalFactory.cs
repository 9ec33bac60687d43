using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        // Added last, so it wins over the Portal__Admin__PasswordFile the test stack's environment sets.
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Portal:Admin:PasswordFile"] = AdminPasswordFile }));
        // Test classes sign in many times from one address (TestServer gives none); tests of the limit set their own.
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "1000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Where this portal writes its first admin's password when it creates one (a fresh database).</summary>
    public string AdminPasswordFile { get; } = Path.Combine(Path.GetTempPath(), $"portal-test-admin-{Guid.NewGuid():N}");

    /// <summary>
    /// Signs in through the sign-in form (antiforgery token and all), as a browser would, as a new user with
    /// every role, and returns the cookies to send.
    /// </summary>
    public async Task<string> SignInCookiesAsync()
    {
        try
        {
            // Roles (and on a fresh database the first admin) come from the bootstrap; make sure it has run.
            await Services.GetRequiredService<Portal.Infrastructure.Identity.IdentityBootstrap>().EnsureAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // The background service did the same at the same moment.
        }

        // A user of the test's own with every role, so no test depends on (or changes) the stack admin's password.
        var name = "test-admin-" + Guid.NewGuid().ToString("N")[..8];
        var password = "Test-" + Guid.NewGuid().ToString("N");
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Infrastructure.Identity.PortalUser>>();
            var user = new Portal.Infrastructure.Identity.PortalUser(name);
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRolesAsync(user, Enum.GetNames<Portal.Domain.Access.PortalRole>());
        }

        using var http = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var signIn = await PostSignInAsync(http, name, password);
        var cookies = Cookies(signIn);
        if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect || !cookies.Contains("portal.auth="))
        {
            var page = await signIn.Content.ReadAsStringAsync();
            var error = System.Text.RegularExpressions.Regex.Match(page, @"mud-alert-message"">([^<]*)<|validation-message"">([^<]*)<");
            throw new InvalidOperationException($"Signing in as admin failed ({(int)signIn.StatusCode}): {error.Value} ({name})");
        }

        return cookies;
    }

    /// <summary>
    /// Fills in and posts the sign-in form as a browser would: fetches the form for its antiforgery token and
    /// cookie, then posts. <paramref name="http"/> must not follow redirects or keep cookies itself;
    /// <paramref name="page"/> may carry a query (<c>?returnUrl=</c>).
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string userName, string password, string page = "/account/login")
    {
        using var form = await http.GetAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), @"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, page)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", Cookies(form));
        return await http.SendAsync(post);
    }

    /// <summary>A client that sends the admin's session cookie with every request.</summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var cookies = await SignInCookiesAsync();
        var http = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", cookies);
        return http;
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    public static PortalFactory For(string? redis = null, Uri? prometheus = null, string? database = null, string environment = "Development") => new(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database ?? TestStack.PostgresConnection,
            ["Redis:Configuration"] = redis ?? TestStack.RedisConfiguration,
            ["Prometheus:Url"] = (prometheus ?? TestStack.PrometheusUrl).ToString(),
        },
        environment);
}
