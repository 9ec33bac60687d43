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

    /// <summary>The replica that answered this browser, from <c>/health</c>; null for a single portal.</summary>
    public string? Replica { get; private set; }

    /// <summary>
    /// Another browser of the same user: the sign-in cookie copied, the balancer's affinity cookie not, so that behind
    /// nginx it is hashed afresh and may land on another replica. It asks <c>/health</c> twice: the first answer gives
    /// it its affinity cookie, the second (hashed by that cookie) names the replica its circuits will live on.
    /// </summary>
    public async Task<PortalSession> ForkAsync(CancellationToken ct)
    {
        var browser = new PortalSession(BaseUri);
        try
        {
            foreach (Cookie cookie in Cookies.GetAllCookies())
            {
                if (cookie.Name != AffinityCookie)
                {
                    browser.Cookies.Add(cookie);
                }
            }

            await browser.LearnReplicaAsync(ct);
            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    /// <summary>Asks <c>/health</c> twice (see <see cref="ForkAsync"/>) and keeps the replica named by the second answer.</summary>
    public async Task LearnReplicaAsync(CancellationToken ct)
    {
        using (await _http.GetAsync("health", ct))
        {
        }

        using var health = System.Text.Json.JsonDocument.Parse(await _http.GetStringAsync("health", ct));
        Replica = health.RootElement.TryGetProperty("replica", out var name) ? name.GetString() : null;
    }

    // The portal's Cluster/ReplicaAffinity.CookieName; the harness does not reference the portal.
    private const string AffinityCookie = "portal.affinity";

    public void Dispose() => _http.Dispose();
}
