using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Tests.Integration.Cluster;

/// <summary>
/// The replicas `./portal test` runs behind nginx: PORTAL_URL is the balancer, PORTAL_REPLICA_URLS each replica.
/// A test of several replicas cannot say anything about one portal, so without the variable it is skipped with
/// that reason (see <see cref="ReplicaFactAttribute"/>), never passed.
/// </summary>
internal static partial class ReplicaStack
{
    public const string Variable = "PORTAL_REPLICA_URLS";

    public static IReadOnlyList<Uri> ReplicaUrls =>
        (Environment.GetEnvironmentVariable(Variable) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u)).ToList();

    public static Uri Balancer => TestStack.PortalUrl;

    /// <summary>A client that follows no redirect and keeps no cookie: every test says exactly what it sends.</summary>
    public static HttpClient Client(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static string AdminPassword()
    {
        var file = Environment.GetEnvironmentVariable("Portal__Admin__PasswordFile");
        Assert.False(string.IsNullOrWhiteSpace(file) || !File.Exists(file), $"Portal__Admin__PasswordFile ('{file}') names no file: run through ./portal test.");
        return File.ReadAllText(file!).Trim();
    }

    /// <summary>Which replica answered: /health/db names it and costs one database round trip.</summary>
    public static async Task<string> ReplicaOfAsync(HttpClient http, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/db");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/health/db answered {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("replica").GetString() ?? throw new InvalidOperationException("/health/db names no replica");
    }

    /// <summary>The name=value pairs of a response's Set-Cookie headers, as a Cookie header.</summary>
    public static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    public static string AntiforgeryToken(string page) =>
        TokenInput().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("the sign-in page has no antiforgery token");

    public static FormUrlEncodedContent SignInForm(string token, string user, string password) => new(new Dictionary<string, string>
    {
        ["_handler"] = "login",
        ["__RequestVerificationToken"] = token,
        ["Input.UserName"] = user,
        ["Input.Password"] = password,
    });

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex TokenInput();
}

/// <summary>A fact that needs the replicas of `./portal test`; skipped, with the reason, where there are none.</summary>
public sealed class ReplicaFactAttribute : FactAttribute
{
    public ReplicaFactAttribute()
    {
        if (ReplicaStack.ReplicaUrls.Count < 2)
        {
            Skip = $"{ReplicaStack.Variable} does not name two replicas: these tests need `./portal test`, which runs two behind nginx.";
        }
    }
}
