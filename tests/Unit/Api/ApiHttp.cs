using Portal.Security;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Portal.Api.V1;

namespace Portal.Tests.Unit.Api;

/// <summary>Builds requests for the API's handlers and runs the results they return, without a server.</summary>
internal static class ApiHttp
{
    public sealed record Response(int Status, IHeaderDictionary Headers, string ContentType, byte[] Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Text => Encoding.UTF8.GetString(Body);
    }

    public static HttpRequest Request(string? body = null, string? contentType = "application/json", string? query = null,
        long? contentLength = null, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        context.Request.Body = new MemoryStream(bytes);
        // A negative length stands for a chunked body whose length nobody announced.
        context.Request.ContentLength = contentLength is < 0 ? null : contentLength ?? (body is null ? null : bytes.Length);
        context.Request.ContentType = contentType;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = new StringValues(value);
        }

        return context.Request;
    }

    public static async Task<Response> RunAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return new Response(context.Response.StatusCode, context.Response.Headers, context.Response.ContentType ?? "",
            ((MemoryStream)context.Response.Body).ToArray());
    }

    /// <summary>A signed-in user with every role (component and endpoint tests that are not about access).</summary>
    public static ActingUser User(string? name = "alice")
    {
        var settings = new ApiSettings { LocalUser = name };
        var signedIn = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            new[] { new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, new ActingUser(new StaticOptions(settings)).Name) }
                .Concat(Enum.GetNames<Portal.Domain.Access.PortalRole>().Select(r => new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, r))),
            "test"));
        return new ActingUser(new StaticOptions(settings), new CircuitUser { Principal = signedIn });
    }

    public sealed class StaticOptions(ApiSettings value) : IOptionsMonitor<ApiSettings>
    {
        public ApiSettings CurrentValue => value;

        public ApiSettings Get(string? name) => value;

        public IDisposable? OnChange(Action<ApiSettings, string?> listener) => null;
    }
}
