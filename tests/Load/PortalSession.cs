using System.Net;

namespace Portal.Load;

/// <summary>
/// One signed-in browser identity: the auth cookie from posting the sign-in form once, shared by every circuit the
/// harness opens (as tabs of one user share it). Also fetches pages, which is how a browser gets the markers.
/// </summary>
public sealed class PortalSession : IDisposable
{
    private readonly HttpClient _http;

    public Uri BaseUri { get; }
    public CookieContainer Cookies { get; } = new();

    private PortalSession(Uri baseUri)
    {
        BaseUri = baseUri;
        _http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(120),
        };
    }

    public static async Task<PortalSession> SignInAsync(Uri baseUri, string user, string password, CancellationToken ct)
    {
        var session = new PortalSession(baseUri);
        try
        {
            var form = await session._http.GetStringAsync("account/login", ct);
            var fields = new Dictionary<string, string>(ComponentMarkers.HiddenFields(form))
            {
                ["Input.UserName"] = user,
                ["Input.Password"] = password,
            };
            using var response = await session._http.PostAsync("account/login", new FormUrlEncodedContent(fields), ct);
            if (session.Cookies.GetCookies(baseUri)["portal.auth"] is null)
            {
                throw new InvalidOperationException(
                    $"Signing in as '{user}' at {baseUri} set no portal.auth cookie (HTTP {(int)response.StatusCode}); check the password file.");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The prerendered page, as a browser's first request gets it.</summary>
    public async Task<string> GetPageAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} (signed out, or the page failed).");
        }

        return await response.Content.ReadAsStringAsync(ct);
    }

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();
}
