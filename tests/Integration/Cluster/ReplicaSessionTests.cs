using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Integration.Cluster;

/// <summary>
/// Sign-in cookies and antiforgery tokens are protected with the data-protection keys in PostgreSQL, so what one
/// replica issues every other accepts, and so does a portal started later on the same database.
/// </summary>
public sealed class ReplicaSessionTests
{
    private static async Task<string> SignInAsync(Uri replica)
    {
        using var http = ReplicaStack.Client(replica);
        using var form = await http.GetAsync("/account/login");
        var token = ReplicaStack.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = ReplicaStack.SignInForm(token, "admin", ReplicaStack.AdminPassword()) };
        post.Headers.Add("Cookie", ReplicaStack.Cookies(form));
        using var signedIn = await http.SendAsync(post);
        var cookies = ReplicaStack.Cookies(signedIn);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect && cookies.Contains("portal.auth=", StringComparison.Ordinal),
            $"signing in on {replica} answered {(int)signedIn.StatusCode} without a session cookie");
        return cookies;
    }

    private static async Task<HttpStatusCode> HomeAsync(HttpClient http, string? cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [ReplicaFact]
    public async Task SignInOnReplicaOne_TheCookieSignsInOnReplicaTwo()
    {
        var (one, two) = (ReplicaStack.ReplicaUrls[0], ReplicaStack.ReplicaUrls[1]);
        using var http = ReplicaStack.Client(two);
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(http, cookies: null));

        var cookies = await SignInAsync(one);

        Assert.Equal(HttpStatusCode.OK, await HomeAsync(http, cookies));
        Assert.NotEqual(await ReplicaStack.ReplicaOfAsync(ReplicaStack.Client(one)), await ReplicaStack.ReplicaOfAsync(http));
    }

    [ReplicaFact]
    public async Task AntiforgeryTokenFromReplicaOne_IsAcceptedByReplicaTwo_AndATamperedOneIsNot()
    {
        var (one, two) = (ReplicaStack.ReplicaUrls[0], ReplicaStack.ReplicaUrls[1]);
        using var first = ReplicaStack.Client(one);
        using var form = await first.GetAsync("/account/login");
        var token = ReplicaStack.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        var formCookies = ReplicaStack.Cookies(form);
        using var second = ReplicaStack.Client(two);

        using var tampered = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = ReplicaStack.SignInForm(token[..^4] + "AAAA", "admin", ReplicaStack.AdminPassword()) };
        tampered.Headers.Add("Cookie", formCookies);
        using var refused = await second.SendAsync(tampered);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = ReplicaStack.SignInForm(token, "admin", ReplicaStack.AdminPassword()) };
        post.Headers.Add("Cookie", formCookies);
        using var accepted = await second.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("portal.auth=", ReplicaStack.Cookies(accepted), StringComparison.Ordinal);
    }

    [ReplicaFact]
    public async Task APortalStartedLaterOnTheSameDatabase_ReadsTheCookieOfARunningReplica()
    {
        var cookies = await SignInAsync(ReplicaStack.ReplicaUrls[0]);
        // A new process with an empty key cache: only the keys in the database can unprotect the cookie.
        await using var later = PortalFactory.For();
        using var http = later.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(http, cookies: null));
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(http, cookies));
    }
}
