using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Tests.Integration.Api;

namespace Portal.Tests.Integration.Security;

public sealed partial class SecurityHeadersTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    // The policy as decision 0014 describes it, spelt out here so that loosening it fails a test.
    // Pages add the hash of their inline import map to script-src.
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self' ws://localhost; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    public static TheoryData<string, HttpStatusCode> Responses() => new()
    {
        { "/", HttpStatusCode.OK },
        { "/rules", HttpStatusCode.OK },
        { "/api/v1/namespaces", HttpStatusCode.OK },
        { "/api/v1/no-such-endpoint", HttpStatusCode.NotFound },
        { "/app.css", HttpStatusCode.OK },
        { "/_framework/blazor.web.js", HttpStatusCode.OK },
        { "/health/db", HttpStatusCode.OK },
        { "/metrics", HttpStatusCode.OK },
        { "/account/login", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryResponse_CarriesEverySecurityHeader(string path, HttpStatusCode status)
    {
        // Signed in (pages) and with the API token (API), so every path answers itself rather than the sign-in page.
        using var http = await api.Portal.SignedInClientAsync();
        http.DefaultRequestHeaders.Authorization = api.Http.DefaultRequestHeaders.Authorization;
        using var response = await http.GetAsync(path);
        Assert.Equal(path, response.RequestMessage!.RequestUri!.AbsolutePath);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(Policy, WithoutImportMapHash(Header(response, "Content-Security-Policy")));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=(), payment=(), usb=()", Header(response, "Permissions-Policy"));
        // Development answers over plain HTTP here: no HSTS (see the Production tests below).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task AHostHeaderLongerThanAnyDnsName_IsNotEchoedIntoThePolicy()
    {
        using var http = api.Portal.CreateClient();
        using var longHost = new HttpRequestMessage(HttpMethod.Get, "/health/db");
        longHost.Headers.TryAddWithoutValidation("Host", string.Join(".", Enumerable.Repeat(new string('h', 60), 80)));
        using var longest = new HttpRequestMessage(HttpMethod.Get, "/health/db");
        longest.Headers.Host = new string('h', 253) + ":8080";

        using var refused = await http.SendAsync(longHost);
        using var kept = await http.SendAsync(longest);

        var policy = string.Join("", refused.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.True(policy.Length < 1000, $"the policy is {policy.Length} characters");
        Assert.Contains("ws://" + new string('h', 253) + ":8080;", string.Join("", kept.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ItsOnlyInlineScriptIsTheImportMap_AllowedByItsHash()
    {
        using var response = await api.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var csp = Header(response, "Content-Security-Policy");

        var inline = ScriptTag().Matches(html).Where(m => !m.Groups["attributes"].Value.Contains("src=", StringComparison.Ordinal)).ToList();
        var importMap = Assert.Single(inline);
        Assert.Contains("type=\"importmap\"", importMap.Groups["attributes"].Value);
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups["body"].Value)));
        Assert.Contains($"script-src 'self' '{hash}';", csp);
        // Everything else the page loads comes from the portal itself, and no markup carries a handler.
        Assert.All(SourceAttribute().Matches(html), m => Assert.DoesNotContain("//", m.Groups["url"].Value));
        Assert.DoesNotMatch(InlineHandler(), html);
    }

    [Fact]
    public async Task Production_OverHttps_AddsHsts_AndKeepsTheOtherHeaders()
    {
        await using var portal = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token), "Production");
        using var http = portal.CreateClient(new() { BaseAddress = new Uri("https://portal.example.com") });

        using var https = await http.GetAsync("/health/db");
        using var plain = await http.GetAsync("http://portal.example.com/health/db");

        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.StartsWith("max-age=", Header(https, "Strict-Transport-Security"));
        Assert.Contains("connect-src 'self' wss://portal.example.com;", Header(https, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(https, "X-Frame-Options"));
        // Browsers ignore HSTS over plain HTTP, and the middleware does not send it there.
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Development_OverHttps_SendsNoHsts()
    {
        using var http = api.Portal.CreateClient(new() { BaseAddress = new Uri("https://portal.example.com") });

        using var response = await http.GetAsync("/health/db");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task DetailedErrors_OnlyInDevelopment()
    {
        await using var production = new PortalFactory(ApiPortal.Settings(api.Database, ApiPortal.Token), "Production");

        Assert.True(api.Portal.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
        Assert.False(production.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    [Fact]
    public async Task DetailedErrors_StayOffInProduction_EvenIfConfigurationAsksForThem()
    {
        await using var production = new PortalFactory(
            new Dictionary<string, string?>(ApiPortal.Settings(api.Database, ApiPortal.Token)) { ["DetailedErrors"] = "true" }, "Production");

        Assert.False(production.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from {response.RequestMessage?.RequestUri}");

    private static string WithoutImportMapHash(string csp) => ImportMapHash().Replace(csp, "");

    [GeneratedRegex(" 'sha256-[A-Za-z0-9+/=]+'")]
    private static partial Regex ImportMapHash();

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""<(?:script|link|img)\b[^>]*\b(?:src|href)="(?<url>[^"]*)""")]
    private static partial Regex SourceAttribute();

    [GeneratedRegex("""<[^>]+\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
